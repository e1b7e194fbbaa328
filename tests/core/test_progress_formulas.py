"""完成进度, 时序进度, growth, chained rates, the 晴雨表: hand-worked values and the CN-* vectors."""

from __future__ import annotations

import pytest

from planwatch.assess.progress import (
    cagr,
    cagr_progress,
    chained_rates,
    completion,
    compound_total,
    cumulative_required_growth,
    expected_on_path,
    gap_pp,
    limit_coefficient,
    meets_target,
    ndrc_warning,
    required_growth,
    score_of,
    seasonal_share,
    share_of_total,
    span_time_share,
)
from planwatch.assess.thresholds import load_thresholds
from planwatch.domain.enums import Comparator, Direction, Status, WarningLevel
from planwatch.domain.periods import Period
from planwatch.report.formatting import num

DEFAULT = load_thresholds().profile("default")


# -- 序时进度 (methodology §10.2): one-year spans, completion = cumulative / annual plan ----------------
def test_cn_s1_unrounded_gap() -> None:
    # 629.0/647.4 = 97.158 %; 1—10月: 10/12 = 83.333 %; gap 13.825 → 13.8 (from the rounded 97.2 it would be 13.9).
    done = share_of_total(629.0, 647.4)
    assert done is not None
    time = span_time_share(Period.parse("2020-10").months_since_start_of(2020), 1)
    assert num(done * 100, 1) == "97.2"
    assert num(gap_pp(done, time), 1) == "13.8"
    assert num(gap_pp(0.972, time), 1) == "13.9"  # why the engine never rounds before subtracting


@pytest.mark.parametrize(
    ("published_share", "month", "decimals", "expected"),
    [
        (0.772, 8, 1, "10.5"),  # CN-S2 宁德: 77.2 − 66.667 = 10.53
        (0.697, 8, 0, "3"),  # CN-S2 市管项目: 69.7 − 66.667 = 3.03
        (0.74, 8, 2, "7.33"),  # CN-S3 三明: 74 − 66.667 = 7.333
        (0.851, 10, 1, "1.8"),  # CN-S4: 85.1 − 83.333 = 1.767
    ],
)
def test_cn_s2_to_s4(published_share: float, month: int, decimals: int, expected: str) -> None:
    time = span_time_share(Period.month_of(2020, month).months_since_start_of(2020), 1)
    assert num(gap_pp(published_share, time), decimals) == expected


def test_cn_s5_over_one_hundred_percent() -> None:
    # 151.88 / 130.16 = 116.687 % → 116.69 %
    done = share_of_total(151.88, 130.16)
    assert done is not None and num(done * 100, 2) == "116.69"


def test_time_share_is_month_accurate() -> None:
    # 2021–2025 (60 months): 2024Q4 → 48/60 = 80 %; 2024Q3 → 45/60; 2025-06 → 54/60; before the start → 0.
    assert span_time_share(Period.parse("2024Q4").months_since_start_of(2021), 5) == 0.8
    assert span_time_share(Period.parse("2024Q3").months_since_start_of(2021), 5) == 0.75
    assert span_time_share(Period.parse("2025-06").months_since_start_of(2021), 5) == 0.9
    assert span_time_share(Period.parse("2020").months_since_start_of(2021), 5) == 0.0
    assert span_time_share(Period.parse("2027").months_since_start_of(2021), 5) == 1.0


# -- growth (水平法, §10.6) ---------------------------------------------------------------------------
def test_cn_c1_tourism_cagr() -> None:
    # (6204.2/4206.2)^(1/4) − 1 = 10.20 %; (691.3/388.8)^(1/4) − 1 = 15.47 % → 15.5 %
    tourists = cagr(4206.2, 6204.2, 4)
    spending = cagr(388.8, 691.3, 4)
    assert tourists is not None and spending is not None
    assert num(tourists * 100, 1) == "10.2"
    assert num(spending * 100, 1) == "15.5"


def test_industrial_value_added_worked_example() -> None:
    # 表1: 164.3 (2020) → 320 (2025). Required CAGR = (320/164.3)^(1/5) − 1 = 14.262 %.
    # With 215 in 2023: actual (215/164.3)^(1/3) − 1 = 9.379 %; still required (320/215)^(1/2) − 1 = 21.999 %;
    # completion (215 − 164.3)/(320 − 164.3) = 50.7/155.7 = 32.56 %; expected on the path after 3/5:
    # 164.3·(320/164.3)^0.6 = 245.10.
    assert cagr(164.3, 320, 5) == pytest.approx(0.142622, abs=1e-6)
    assert cagr(164.3, 215, 3) == pytest.approx(0.093789, abs=1e-6)
    assert required_growth(215, 320, 2) == pytest.approx(0.219989, abs=1e-6)
    assert completion(164.3, 215, 320) == pytest.approx(50.7 / 155.7)
    assert expected_on_path(164.3, 320, 0.6) == pytest.approx(245.101, abs=1e-3)


def test_park_stated_growth_disagrees() -> None:
    # 表2 吉首经开区 15.71 → 150: (150/15.71)^(1/5) − 1 = 57.03 %/yr (the plan states 59 %).
    assert num((cagr(15.71, 150, 5) or 0) * 100, 1) == "57.0"


def test_no_cagr_for_zero_or_sign_change() -> None:
    assert cagr(0, 5, 5) is None
    assert cagr(-1, 5, 5) is None
    assert cagr(1, 5, 0) is None


def test_expected_path_falls_back_to_a_line() -> None:
    # base 0: no compound path; the straight line 0 + (1 − 0)·0.4 = 0.4
    assert expected_on_path(0, 1, 0.4) == 0.4


def test_cumulative_method_growth() -> None:
    # 累计法: a = 10, two years left, remaining 23.1: 10·1.1 + 10·1.21 = 23.1 → g = 10 %.
    g = cumulative_required_growth(10, 23.1, 2)
    assert g == pytest.approx(0.1, abs=1e-12)
    assert cumulative_required_growth(10, 0, 2) is None
    assert cumulative_required_growth(10, 5, 0) is None


def test_seasonal_share() -> None:
    # 1—9月 was 72 % and 74 % of two earlier years → 73 %
    assert seasonal_share([(72, 100), (148, 200)]) == pytest.approx(0.73)
    assert seasonal_share([]) is None


# -- chained yearly rates (§10.4, CN-E1 Qinghai) ----------------------------------------------------
def test_cn_e1_qinghai() -> None:
    # Intensity changes +1.51 %, −2.20 %, −4.18 % (as declines: −1.51, 2.20, 4.18); five-year target −17 %.
    # Π = 1.0151 · 0.978 · 0.9582 = 0.951270 → −4.87 %; average 1 − 0.95127^(1/3) = 1.65 %/yr;
    # remaining 1 − 0.83/0.95127 = 12.75 %, per year 1 − (0.83/0.95127)^(1/2) = 6.59 %;
    # required 1 − 0.83^(1/5) = 3.66 %/yr; Y = ln 0.95127 / ln 0.83^(1/5) = 1.3406 (page: 1.3398); Y/5 = 26.8 %.
    r = chained_rates([-0.0151, 0.0220, 0.0418], total_years=5, target_total=0.17, decline=True)
    assert r.index == pytest.approx(0.951270, abs=1e-6)
    assert num(r.cumulative * 100, 2) == "4.87"
    assert num(r.average_rate * 100, 2) == "1.65"
    assert r.remaining is not None and num(r.remaining * 100, 2) == "12.75"
    assert r.remaining_rate is not None and num(r.remaining_rate * 100, 2) == "6.59"
    assert num(r.required_rate * 100, 2) == "3.66"
    assert r.years_equivalent == pytest.approx(1.3398, abs=0.001)
    assert r.log_share is not None and num(r.log_share * 100, 1) == "26.8"
    # CAGR ratio on the index: 0.016508 / 0.036585 = 0.4515 (the linear 4.87/17 = 28.7 % is not used)
    assert r.progress_value == pytest.approx(0.4515, abs=1e-4)
    assert not r.achieved


def test_chained_growth_sense() -> None:
    # 年均增长 10 % over 3 years: 10 %, 12 %, 9 % → index 1.1·1.12·1.09 = 1.34288; average 10.33 %;
    # target total 1.1^3 − 1 = 33.1 % → achieved. With 8 % instead: 1.33056 < 1.331 → not yet.
    r = chained_rates([0.10, 0.12, 0.09], total_years=3, target_total=1.1**3 - 1, decline=False)
    assert r.index == pytest.approx(1.34288)
    assert r.average_rate == pytest.approx(0.1033, abs=1e-4)
    assert r.remaining is None and r.achieved
    short = chained_rates([0.10, 0.12, 0.08], total_years=3, target_total=1.1**3 - 1, decline=False)
    assert not short.achieved and short.progress_value == pytest.approx(0.99879, abs=1e-5)


def test_compound_total() -> None:
    # 2 %/yr for five years: 1 − 0.98^5 = 9.61 %, not 10 % (lint reports the plan's [10]).
    assert num(compound_total(0.02, 5) * 100, 2) == "9.61"


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (2.0, WarningLevel.GREEN),  # met
        (2.4, WarningLevel.GREEN),
        (1.85, WarningLevel.YELLOW),  # short by 0.15/2 = 7.5 % ≤ 10 %
        (1.8, WarningLevel.YELLOW),  # short by exactly 10 %
        (1.7, WarningLevel.RED),  # short by 15 %
        (-0.5, WarningLevel.RED),  # a rise
    ],
)
def test_ndrc_barometer(actual: float, expected: WarningLevel) -> None:
    assert ndrc_warning(actual, 2.0, yellow_shortfall=0.10) is expected


# -- method 1 and the natural limit --------------------------------------------------------------
def test_limit_coefficient() -> None:
    # C = 1 − (86.3/100)^4.44 = 0.4801; base ≥ 2·limit → 1; between limit and 2·limit mirrors.
    assert limit_coefficient(86.3, 100, 4.44) == pytest.approx(0.480138, abs=1e-6)
    assert limit_coefficient(250, 100, 4.44) == 1.0
    assert limit_coefficient(113.7, 100, 4.44) == pytest.approx(limit_coefficient(86.3, 100, 4.44))
    assert limit_coefficient(100, 100, 4.44) == 0.0


def test_limit_lifts_a_small_growth_near_the_ceiling() -> None:
    # 86.3 → 90.0306 over 5 years is 0.85 %/yr: below 1.5 % but above 1.5 %·0.4801 = 0.72 % → substantial.
    r = cagr_progress(base=86.3, base_year=2015, current=86.3 * 1.0085**5, current_year=2020, direction=Direction.UP,
                      limit=100, profile=DEFAULT)
    assert r.progress_value == pytest.approx(0.0085)
    assert r.thresholds["high"] == pytest.approx(0.015 * 0.480138, abs=1e-8)
    assert r.status_name == "substantial_progress" and r.status is Status.ON_TRACK


@pytest.mark.parametrize(
    ("value", "score"),
    [
        (0.01, 1.25),  # 250·0.01 − 1.25
        (-0.01, -3.75),  # 125·(−0.01) − 2.5
        (0.003, -1.0),  # 500·0.003 − 2.5
        (0.02, 5.0),  # min(500·0.02 − 5, 5)
        (-0.1, -5.0),  # max(125·(−0.1) − 2.5, −5)
    ],
)
def test_statcan_method1_score(value: float, score: float) -> None:
    th = DEFAULT.no_target.thresholds.as_dict()
    assert score_of(value, 1, th, None, DEFAULT) == pytest.approx(score)


def test_not_computable_is_reported_not_patched() -> None:
    # sdg-build would replace a zero base by 0.001; planwatch says why it cannot compute.
    r = cagr_progress(base=0, base_year=2020, current=3, current_year=2023, target=10, target_year=2025,
                      direction=Direction.UP, profile=DEFAULT)
    assert r.progress_value is None and r.status is Status.NOT_ASSESSABLE and "基期值为0" in r.reason
    r = cagr_progress(base=5, base_year=2020, current=5, current_year=2023, target=5, target_year=2025,
                      direction=Direction.UP, profile=DEFAULT)
    assert r.status is Status.ACHIEVED  # target met even though the ratio is undefined


# -- comparators -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "target", "comparator", "direction", "met"),
    [
        (320, 320, Comparator.REACH, Direction.UP, True),
        (319.9, 320, Comparator.REACH, Direction.UP, False),
        (0.9, 1.0, Comparator.REACH, Direction.DOWN, True),
        (1000, 1000, Comparator.AT_LEAST, Direction.UP, True),
        (9.5, 10, Comparator.ABOUT, Direction.UP, True),  # within 5 % of 10个左右
        (9.4, 10, Comparator.ABOUT, Direction.UP, False),
        (12, 10, Comparator.ABOUT, Direction.UP, True),  # beyond it in the better direction
        (3, 3, Comparator.BETWEEN, Direction.UP, True),  # 3-5家: at least the lower bound
        (6, 3, Comparator.BETWEEN, Direction.UP, True),  # above 5 still met (the engine notes it)
        (2, 3, Comparator.BETWEEN, Direction.UP, False),
        (4.9, 5, Comparator.AT_MOST, Direction.UP, True),
        (5.1, 5, Comparator.AT_MOST, Direction.UP, False),
    ],
)
def test_meets_target(value: float, target: float, comparator: Comparator, direction: Direction, met: bool) -> None:
    assert meets_target(value, target, comparator, direction, about_tolerance=0.05) is met
