"""From method results to what a reader sees: Status, the 红黄绿 warning, and the Chinese grade words.

Mapping (docs/methodology.md, "Status, warning and grade"):

| Status             | warning | grade_zh                                                   |
| ------------------ | ------- | ---------------------------------------------------------- |
| achieved           | green   | 提前实现 (before the end of the target year; 已实现 from then on) |
| on_track           | green   | 快于预期 when completion is ahead of the time schedule (gap_pp > 0), else 基本符合预期 |
| needs_acceleration | yellow  | 相对滞后                                                   |
| limited            | red     | 滞后                                                       |
| deterioration      | red     | 滞后                                                       |
| no_data            | none    | 暂无数据                                                   |
| not_assessable     | none    | 无法评估                                                   |

Yearly-decline targets (energy intensity) take their warning from the NDRC 晴雨表 rule on the
latest year instead (``planwatch.assess.progress.ndrc_warning``).
"""

from __future__ import annotations

from planwatch.domain.enums import Status, WarningLevel

WARNING_OF_STATUS: dict[Status, WarningLevel] = {
    Status.ACHIEVED: WarningLevel.GREEN,
    Status.ON_TRACK: WarningLevel.GREEN,
    Status.NEEDS_ACCELERATION: WarningLevel.YELLOW,
    Status.LIMITED: WarningLevel.RED,
    Status.DETERIORATION: WarningLevel.RED,
    Status.NO_DATA: WarningLevel.NONE,
    Status.NOT_ASSESSABLE: WarningLevel.NONE,
}

GRADE_AHEAD = "快于预期"
GRADE_ACHIEVED_ON_TIME = "已实现"


def warning_for(status: Status) -> WarningLevel:
    """红黄绿: green for achieved/on track, yellow for needs acceleration, red for limited/deterioration."""
    return WARNING_OF_STATUS[status]


def grade_zh(status: Status, gap_pp: float | None = None, *, target_year_over: bool = False) -> str:
    """The grade words of official mid-term evaluations (提前实现 / 快于预期 / 基本符合预期 / 相对滞后 / 滞后).

    ``gap_pp`` is the unrounded completion − time gap in 百分点; ``target_year_over`` is True when
    the as-of period is at or after the end of the target year (then "提前" would be wrong).
    """
    if status is Status.ACHIEVED and target_year_over:
        return GRADE_ACHIEVED_ON_TIME
    if status is Status.ON_TRACK and gap_pp is not None and gap_pp > 0:
        return GRADE_AHEAD
    return status.grade_zh
