"""统一社会信用代码 (GB 32100-2015) and the embedded 组织机构代码 (GB 11714), worked by hand."""

from __future__ import annotations

import pytest

from planwatch.enterprises import uscc


def test_weights_are_powers_of_three_mod_31() -> None:
    # 3^0..3^16 mod 31: 1, 3, 9, 27, 81-62=19, 57-31=26, 78-62=16, 48-31=17, 51-31=20, 60-31=29, 87-62=25,
    # 75-62=13, 39-31=8, 24, 72-62=10, 30, 90-62=28
    assert uscc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_check_character_of_the_standard_example() -> None:
    # 91350100M000100Y4: values 9,1,3,5,0,1,0,0,21(M),0,0,0,1,0,0,30(Y),4
    # products 9,3,27,135,0,26,0,0,420,0,0,0,8,0,0,900,112; Σ = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    assert uscc.check_character("91350100M000100Y4") == "3"
    assert uscc.check("91350100M000100Y43").valid


def test_the_circulated_failure_example_fails() -> None:
    # …Y4Z: Z is not in the 31-character set (I, O, Z, S, V unused)
    checked = uscc.check("91350100M000100Y4Z")
    assert [e.code for e in checked.errors] == ["USCC_CHARACTER"]
    assert checked.errors[0].params["bad"] == "18:Z"


def test_wrong_check_character_says_the_right_one() -> None:
    checked = uscc.check("91350100M000100Y4Y")
    assert [e.code for e in checked.errors] == ["USCC_CHECK"]
    assert checked.errors[0].params == {"value": "91350100M000100Y4Y", "found": "Y", "expected": "3"}


def test_organisation_code_check_of_the_example() -> None:
    # M000100Y: M=22, Y=34 (0–9, A=10 … Z=35); 22·3 + 0+0+0 + 1·5 + 0+0 + 34·2 = 66 + 5 + 68 = 139
    # 139 mod 11 = 7; 11 − 7 = 4
    assert uscc.org_check_character("M000100Y") == "4"


def test_organisation_code_check_x_and_zero() -> None:
    # 00000001: Σ = 1·2 = 2; 11 − 2 = 9.   00000005: Σ = 5·2 = 10; 11 − 10 = 1.
    assert uscc.org_check_character("00000001") == "9"
    assert uscc.org_check_character("00000005") == "1"
    # 00000006: Σ = 6·2 = 12 ≡ 1 (mod 11); 11 − 1 = 10, written X.   00000000: Σ = 0; 11 − 0 = 11, written 0.
    assert uscc.org_check_character("00000006") == "X"
    assert uscc.org_check_character("00000000") == "0"


def test_python_stdnum_doctest_code_passes() -> None:
    assert uscc.check("91110000600037341L").valid


@pytest.mark.parametrize(("code", "department"), [
    # N2433124MA4L7Q2R6: values 22(N),2,4,3,3,1,2,4,21(M),10(A),4,20(L),7,24(Q),2,25(R),6
    # products 22,6,36,81,57,26,32,68,420,290,100,260,56,576,20,750,168; Σ = 2968; 2968 mod 31 = 23; 31 − 23 = 8
    ("N2433124MA4L7Q2R68", "农业"),
    ("Y1433100MA4L7Q2R6A", "其他"),
    ("91433101MA4L7Q2R6E", "工商"),
])
def test_codes_whose_first_character_is_a_letter_are_valid(code: str, department: str) -> None:
    checked = uscc.check(code)
    assert checked.valid, checked.errors
    assert checked.department == department


def test_embedded_organisation_code_checked() -> None:
    # MA4L7Q2R: 22·3 + 10·7 + 4·9 + 21·10 + 7·5 + 26·8 + 2·4 + 27·2 = 66+70+36+210+35+208+8+54 = 687
    # 687 mod 11 = 5; 11 − 5 = 6, so 6 is right and 7 is wrong; the 18th character is recomputed so that
    # only the organisation code's check fails
    assert uscc.org_check_character("MA4L7Q2R") == "6"
    code = uscc.complete("91433101MA4L7Q2R7")
    assert [e.code for e in uscc.check(code).errors] == ["USCC_ORG_CHECK"]


def test_every_single_substitution_is_caught() -> None:
    code = "91433101MA4L7Q2R6E"
    for i in range(18):
        for c in uscc.CHARSET:
            if c == code[i]:
                continue
            changed = code[:i] + c + code[i + 1:]
            assert not uscc.check(changed).valid, changed


def test_length_lower_case_and_spaces() -> None:
    assert uscc.check(" 91350100m000100y43 ").valid
    assert [e.code for e in uscc.check("9135010").errors] == ["USCC_LENGTH"]


def test_unknown_department_and_area() -> None:
    code = uscc.complete("B1433101MA4L7Q2R6")
    assert [e.code for e in uscc.check(code).errors] == ["USCC_DEPARTMENT"]
    code = uscc.complete("9143310AMA4L7Q2R6")
    assert [e.code for e in uscc.check(code).errors] == ["USCC_AREA_DIGITS"]


def test_area_matches_county_or_its_prefecture() -> None:
    assert uscc.area_matches("433122", "433122")
    assert uscc.area_matches("433100", "433122")  # registered by the prefecture's authority
    assert not uscc.area_matches("433101", "433122")
