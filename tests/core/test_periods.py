from __future__ import annotations

import pytest

from planwatch.domain.periods import Period, PeriodError, PeriodKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023", "2023"),
        ("2023年", "2023"),
        ("2023Q3", "2023Q3"),
        ("2023-Q3", "2023Q3"),
        ("2023年第三季度", "2023Q3"),
        ("2023年第3季度", "2023Q3"),
        ("2023-07", "2023-07"),
        ("2023-7", "2023-07"),
        ("202307", "2023-07"),
        ("2023年7月", "2023-07"),
        ("２０２３Ｑ３", "2023Q3"),
        ("2023.0", "2023"),
    ],
)
def test_parse_forms(text: str, expected: str) -> None:
    assert str(Period.parse(text)) == expected


@pytest.mark.parametrize("text", ["2023Q5", "2023-13", "23", "abc", "2023年第五季度", ""])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_time_arithmetic() -> None:
    # 2024Q4 ends in month 12 of 2024: 3 full years 2021-2023 (36) + 12 = 48 months since 2021-01.
    assert Period.parse("2024Q4").months_since_start_of(2021) == 48
    # 2025-06: 4*12 + 6 = 54
    assert Period.parse("2025-06").months_since_start_of(2021) == 54
    # 2024Q2 is 3.5 years after the end of 2020 (2021, 2022, 2023 + half of 2024).
    assert Period.parse("2024Q2").years_since_end_of(2020) == pytest.approx(3.5)
    assert Period.parse("2023").years_since_end_of(2020) == 3


def test_ordering_and_labels() -> None:
    ps = [Period.parse(x) for x in ["2024-12", "2024Q4", "2024", "2024Q3", "2023"]]
    assert [str(p) for p in sorted(ps)] == ["2023", "2024Q3", "2024", "2024Q4", "2024-12"]
    assert Period.parse("2024Q4").label_zh == "2024年第四季度"
    assert Period.parse("2024-07").ytd_label_zh == "2024年1—7月"
    assert Period.parse("2024Q3").same_period_last_year() == Period(PeriodKind.QUARTER, 2023, 3)
    assert [str(m) for m in Period.parse("2024Q2").months] == ["2024-04", "2024-05", "2024-06"]
