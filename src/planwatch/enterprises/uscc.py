"""统一社会信用代码 (unified social credit code) as GB 32100-2015 defines it.

Eighteen characters from a 31-character set (digits and the capitals without I, O, Z, S, V):

====  ===============================  =====================================================
pos.  part                             check made here
====  ===============================  =====================================================
1     登记管理部门代码                  one of the departments of the standard's table
2     机构类别代码                      a character of the set (the table is per department)
3–8   登记管理机关行政区划码 (GB/T 2260)  six digits; compared with the county's code (a warning)
9–17  主体标识码 = 组织机构代码 (GB 11714)  eight body characters (0–9, A–Z) and its check character
18    校验码                            weighted check over positions 1–17 (below)
====  ===============================  =====================================================

Check character (GB 32100-2015 §5.3): each of positions 1–17 has the value of its character in the
set (0–30) and the weight Wi = 3^(i−1) mod 31; C18 = 31 − (Σ Ci·Wi mod 31), where 31 becomes 0.

GB 11714 check character of the organisation code: body characters valued 0–9 then A=10 … Z=35,
weights 3, 7, 9, 10, 5, 8, 4, 2; C9 = 11 − (Σ mod 11), where 10 is written X and 11 is written 0.

A first character may be a letter (A 中央军委改革和编制办公室, N 农业, Y 其他): python-stdnum's
``cn.uscc`` rejects those valid codes, hence this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28

ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# 登记管理部门代码 (GB 32100-2015 table 1).
DEPARTMENTS: dict[str, str] = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商",
    "A": "中央军委改革和编制办公室",
    "N": "农业",
    "Y": "其他",
}


def check_character(first17: str) -> str:
    """The 18th character for 17 characters of the set (raises KeyError on a character outside it)."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_check_character(body8: str) -> str:
    """The GB 11714 check character of an 8-character organisation-code body."""
    total = sum(_ORG_BODY.index(c) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


@dataclass(frozen=True, slots=True)
class CodeProblem:
    """One thing wrong with a code: a message code of ``planwatch.messages`` and its parameters."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Checked:
    """A code as written, normalised (upper case, spaces removed), and what is wrong with it."""

    written: str
    code: str
    errors: tuple[CodeProblem, ...]

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def area(self) -> str:
        """Positions 3–8: the registering authority's GB/T 2260 area code."""
        return self.code[2:8]

    @property
    def department(self) -> str:
        return DEPARTMENTS.get(self.code[:1], "")


def normalise(text: str) -> str:
    return "".join(str(text).split()).upper()


def check(text: str) -> Checked:
    """Every error of one code (length, characters, department, area digits, both check characters)."""
    code = normalise(text)
    errors: list[CodeProblem] = []
    if len(code) != 18:
        errors.append(CodeProblem("USCC_LENGTH", {"value": code, "length": str(len(code))}))
        return Checked(text, code, tuple(errors))
    bad = [f"{i + 1}:{c}" for i, c in enumerate(code) if c not in _VALUE]
    if bad:
        errors.append(CodeProblem("USCC_CHARACTER", {"value": code, "bad": "、".join(bad)}))
        return Checked(text, code, tuple(errors))
    if code[0] not in DEPARTMENTS:
        errors.append(CodeProblem("USCC_DEPARTMENT", {"value": code, "char": code[0]}))
    if not code[2:8].isdigit():
        errors.append(CodeProblem("USCC_AREA_DIGITS", {"value": code, "area": code[2:8]}))
    expected_org = org_check_character(code[8:16])
    if code[16] != expected_org:
        errors.append(CodeProblem("USCC_ORG_CHECK", {"value": code, "org": f"{code[8:16]}-{code[16]}",
                                                     "expected": expected_org}))
    expected = check_character(code[:17])
    if code[17] != expected:
        errors.append(CodeProblem("USCC_CHECK", {"value": code, "found": code[17], "expected": expected}))
    return Checked(text, code, tuple(errors))


def area_matches(area: str, county_code: str) -> bool:
    """The code's area is the county's, or (a prefecture's authority registering) its prefecture's.

    GB/T 2260: a county 433122 lies in the prefecture 433100. An enterprise registered by the
    prefecture's authority carries 433100 though it sits in a county: not a mismatch.
    """
    if not county_code:
        return True
    return area == county_code or area == county_code[:4] + "00"


def complete(first17: str) -> str:
    """A full code from 17 characters (synthetic registers, tests)."""
    return first17 + check_character(first17)
