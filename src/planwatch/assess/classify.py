"""From method results to what a reader sees: Status, the 红黄绿 warning, and the Chinese grade words.

Mapping (docs/methodology.md, "Status, warning and grade"):

| Status             | warning | grade_zh                                                   |
| ------------------ | ------- | ---------------------------------------------------------- |
| achieved           | green   | 提前实现 (before the end of the target year; 已实现 from then on) |
| expected           | green   | 预计实现 (a mid-year flow whose whole-year estimate meets the target) |
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

from typing import TYPE_CHECKING

from planwatch.domain.enums import Status, WarningLevel

if TYPE_CHECKING:
    from planwatch.assess.context import Draft

WARNING_OF_STATUS: dict[Status, WarningLevel] = {
    Status.ACHIEVED: WarningLevel.GREEN,
    Status.EXPECTED: WarningLevel.GREEN,
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


# -- One status, one reason (docs/methodology.md §4) -------------------------------------------
# Every table, tally, chart and page reads ``Assessment.status`` and the warning derived from it
# here; nothing downstream colours a row by a rule of its own.
GREEN = frozenset({Status.ACHIEVED, Status.EXPECTED, Status.ON_TRACK})
STATUS_RANK: dict[Status, int] = {
    Status.ACHIEVED: 0,
    Status.EXPECTED: 1,
    Status.ON_TRACK: 2,
    Status.NEEDS_ACCELERATION: 3,
    Status.LIMITED: 4,
    Status.DETERIORATION: 5,
    Status.NOT_ASSESSABLE: 6,
    Status.NO_DATA: 7,
}


def lower_of(a: Status, b: Status) -> Status:
    """The lower (less favourable) of two judged statuses; a judgement wins over no judgement."""
    unjudged = (Status.NO_DATA, Status.NOT_ASSESSABLE)
    if a in unjudged:
        return b
    if b in unjudged:
        return a
    return a if STATUS_RANK[a] >= STATUS_RANK[b] else b


def one_status(d: Draft) -> None:
    """Settle the draft's status once, so that its warning is always ``warning_for(status)``.

    1. A rule that gives a colour of its own (the NDRC 晴雨表 for a yearly decline) sets the status:
       green keeps a green status (else 进展顺利), yellow is 需加快, red is 进展有限 (倒退 if it was).
    2. 已实现 on a whole-year estimate from a year-to-date flow is 预计实现 until the year's figure exists.
    3. A green status other than 已实现 whose own projection gives a chance of meeting the target below
       ``engine.green_min_probability`` is lowered to 需加快.
    The rule that decided is kept in ``inputs["status_rule"]``.
    """
    rule = d.inputs.get("status_rule") or "method"
    if d.warning is not None and d.warning is not warning_for(d.status) and d.status in STATUS_RANK:
        before = d.status
        if d.warning is WarningLevel.GREEN:
            d.status = Status.ON_TRACK
        elif d.warning is WarningLevel.YELLOW:
            d.status = Status.NEEDS_ACCELERATION
        elif d.warning is WarningLevel.RED:
            d.status = Status.DETERIORATION if before is Status.DETERIORATION else Status.LIMITED
        if d.status is not before:
            rule = "barometer"
            d.note(f"状态按晴雨表规则由最新时期的降幅判定（{d.warning.label_zh}），五年累计进度另见完成进度")
    if d.status is Status.ACHIEVED and d.value_basis == "ytd_estimate":
        d.status = Status.EXPECTED
        rule = "estimate"
        d.note("全年推算值已达到目标，为预计实现；全年数据发布后据实判断")
    threshold = d.ctx.settings.engine.green_min_probability
    chance = next((p.probability for p in d.projections if p.probability is not None), None)
    if d.status in (Status.ON_TRACK, Status.EXPECTED) and chance is not None and chance < threshold:
        d.status = Status.NEEDS_ACCELERATION
        rule = "projection"
        d.note(
            f"按趋势外推，到目标年实现目标的概率仅{chance * 100:.1f}%，低于{threshold * 100:.0f}%，"
            "状态不判为绿灯，调为需加快"
        )
    d.warning = None
    d.inputs["status_rule"] = rule
