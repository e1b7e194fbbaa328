"""What every bulletin section needs: indexes over plan and assessments, constants, shared cells.

``Facts`` holds the plan, the assessments and the as-of period with the lookups the sections use;
the functions below turn one assessment into the table cells and phrases every section shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planwatch.assess.rank_results import RankingResult
from planwatch.assess.results import Assessment
from planwatch.domain.enums import ScopeKind, Status, TargetKind, WarningLevel
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    Cell,
    Tone,
)

STATUS_ORDER = (
    Status.ACHIEVED,
    Status.EXPECTED,
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.LIMITED,
    Status.DETERIORATION,
    Status.NO_DATA,
    Status.NOT_ASSESSABLE,
)
GRADE_ORDER = ("提前实现", "已实现", "预计实现", "快于预期", "基本符合预期", "相对滞后", "滞后", "暂无数据", "无法评估")
JUDGED = frozenset(STATUS_ORDER[:6])  # statuses that are a judgement (data were enough)
WARNING_RANK = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.GREEN: 2, WarningLevel.NONE: 3}
KIND_ORDER = {
    ScopeKind.PREFECTURE: 0,
    ScopeKind.GROUP: 1,
    ScopeKind.COUNTY: 2,
    ScopeKind.ZONE: 2,
    ScopeKind.PARK: 3,
    ScopeKind.INDUSTRY: 4,
    ScopeKind.SUBINDUSTRY: 5,
    ScopeKind.PROVINCE: 6,
}
# The headline and trend indicators are the plan's (presentation.headline, .trend; plan/presentation.py).
PROGRESS_HEADERS = ("完成进度", "时序进度", "超/低于时序进度", "状态")
GAP_NOTE = "超/低于时序进度＝完成进度−时序进度，单位为百分点。"
SEASONAL_MARK = "※"
ESTIMATE_MARK = "＊"  # a mid-year flow judged on its whole-year estimate against the year-end schedule
DISPUTED_MARK = "△"  # a target the plan writes two ways (Target.disputed)
ADVICE_RED_LIMIT = 8  # red items named one by one in 七; the rest are counted


@dataclass(frozen=True)
class RankingRow:
    """One county in the 考核 ranking (planwatch.assess.rank gives these; the bulletin only prints them)."""

    scope_id: str
    scope: str
    rank: int
    score: float
    meets_bar: bool | None = None  # 考核达标
    rank_best: int | None = None  # best and worst rank under ±20% weight changes
    rank_worst: int | None = None


@dataclass(frozen=True)
class AnnualEstimate:
    """A flow's whole-year estimate from its year-to-date value (the engine's ``inputs["annual_estimate"]``)."""

    ytd_period: Period  # 2024-09
    ytd_value: float  # 1—9月累计
    share: float  # the usual share of the year reached by that month (fraction)
    basis: str  # "seasonal" (past years' same-period shares) or "linear" (month/12)
    years: int  # how many past years the seasonal share averages
    value: float  # ytd_value ÷ share
    year: int  # the year estimated
    completion: float | None  # completion of the estimate against the target (fraction)

    @classmethod
    def of(cls, a: Assessment) -> AnnualEstimate | None:
        raw = a.inputs.get("annual_estimate") if isinstance(a.inputs, dict) else None
        if not isinstance(raw, dict):
            return None
        try:
            completion = raw.get("completion")
            return cls(
                ytd_period=Period.parse(str(raw["ytd_period"])),
                ytd_value=float(raw["ytd_value"]),
                share=float(raw["share"]),
                basis=str(raw.get("basis", "linear")),
                years=len(raw.get("years") or ()),
                value=float(raw["value"]),
                year=int(raw["year"]),
                completion=float(completion) if completion is not None else None,
            )
        except (KeyError, TypeError, ValueError):
            return None

    def basis_text(self) -> str:
        if self.basis == "seasonal":
            return f"季节（{self.years}年）"
        return f"线性（{self.ytd_period.end_month}/12）"


@dataclass(frozen=True)
class RankingSummary:
    """The ranking as the bulletin prints it: rows in rank order, the method and the ranking's notes."""

    rows: tuple[RankingRow, ...]
    method: str = ""  # 加权综合评分法 / 熵权法
    period: str = ""  # the period ranked: 2024年, 2024年1—9月
    indicators: tuple[str, ...] = ()  # 规模工业增加值（权重20）…
    notes: tuple[str, ...] = ()

    @classmethod
    def from_result(cls, result: RankingResult) -> RankingSummary:
        """From ``planwatch.assess.rank`` (final score after any deduction; rank range under weight changes)."""
        rows = tuple(
            RankingRow(
                scope_id=u.scope_id,
                scope=u.name,
                rank=u.rank,
                score=u.final_score,
                meets_bar=u.passed,
                rank_best=u.rank_range.best if u.rank_range else None,
                rank_worst=u.rank_range.worst if u.rank_range else None,
            )
            for u in result.units
        )
        period = Period.parse(result.as_of)
        return cls(
            rows=rows,
            method=result.method.label_zh,
            period=period.label_zh if period.is_year_end else period.ytd_label_zh,
            # an indicator of weight 0 this period (nobody could be scored on it) is not listed
            indicators=tuple(f"{i.name}（权重{f.num(i.weight, 1)}）" for i in result.indicators if i.weight > 0),
            notes=tuple(result.notes),
        )


RankingInput = RankingSummary | RankingResult | Sequence[RankingRow]


class Facts:
    """Indexes over the plan and the assessments that every section needs."""

    def __init__(self, plan: Plan, assessments: list[Assessment], as_of: Period) -> None:
        self.plan = plan
        self.assessments = assessments
        self.as_of = as_of
        self.targets: dict[str, Target] = {t.id: t for t in plan.targets}
        self.by_target: dict[str, Assessment] = {a.target_id: a for a in assessments}
        self.scope_order = {sid: i for i, sid in enumerate(plan.scopes)}
        self.figure_no = 0
        self.table_no = 0
        # Rows of the same indicator, scope and kind are told apart by their source (§4).
        self._same = Counter(self._row_key(a) for a in assessments)
        self.growth_of: dict[str, list[Target]] = {}
        for t in plan.targets:
            if t.kind is TargetKind.GROWTH and t.growth_of is not None:
                self.growth_of.setdefault(t.growth_of, []).append(t)

    @staticmethod
    def _row_key(a: Assessment) -> tuple[str, str, bool]:
        return (a.scope_id, a.indicator, a.kind is TargetKind.GROWTH)

    def duplicated(self, a: Assessment) -> bool:
        """Whether another target of this scope measures the same indicator the same way."""
        return self._same[self._row_key(a)] > 1

    def name(self, a: Assessment) -> str:
        """The indicator's name for this target: 年均增长 for a growth target, its source where
        another target of the same scope and indicator would read the same."""
        name = f"{a.name}年均增长" if a.kind is TargetKind.GROWTH else a.name
        if self.duplicated(a):
            name += f"（{a.source.split(';')[0].strip()}）"
        return name

    # numbering of tables and figures in reading order
    def next_table(self, caption: str) -> str:
        self.table_no += 1
        return f"表{self.table_no}　{caption}"

    def next_figure(self, caption: str) -> str:
        self.figure_no += 1
        return f"图{self.figure_no}　{caption}"

    def status_counts(self) -> dict[Status, int]:
        c = Counter(a.status for a in self.assessments)
        return {s: c[s] for s in STATUS_ORDER}

    def warning_counts(self) -> dict[WarningLevel, int]:
        c = Counter(a.warning for a in self.assessments)
        return {w: c[w] for w in (WarningLevel.RED, WarningLevel.YELLOW, WarningLevel.GREEN, WarningLevel.NONE)}

    def unit(self, a: Assessment) -> str:
        return a.unit  # the indicator's unit, or % for a growth target (its values are yearly growth rates)

    def scope_sort_key(self, a: Assessment) -> tuple[int, int]:
        scope = self.plan.scopes.get(a.scope_id)
        kind = KIND_ORDER.get(scope.kind, 9) if scope is not None else 9
        return (kind, self.scope_order.get(a.scope_id, 999))

    def label(self, a: Assessment) -> str:
        """How an item is named in running text: the region's targets by indicator, others with their scope."""
        if a.indicator == "chain_output":
            return f"{a.scope}产值"
        if a.scope_id == self.plan.meta.region:
            return self.name(a)
        return f"{a.scope}{self.name(a)}"

    def latest_text(self, a: Assessment | None, unit: str) -> str:
        """本期完成 cell: the value, and under it its period when that is not the bulletin's period."""
        value = a.shown()[0] if a is not None else None
        if a is None or value is None:
            return f.DASH
        text = f.value_text(value, unit)
        note = self.period_note(a)
        return f"{text}\n{note}" if note else text

    def period_note(self, a: Assessment) -> str:
        """The period of the value printed for the period (``Assessment.shown``) when it is not the bulletin's."""
        period = a.shown()[1]
        if not period:
            return ""
        try:
            p = Period.parse(period)
        except ValueError:
            return f"（{period}）"
        if p.ordinal == self.as_of.ordinal:
            return ""
        return f"（{p.label_zh if p.kind is not PeriodKind.MONTH else p.ytd_label_zh}）"

    def when(self, a: Assessment) -> str:
        """When the latest value is from, in words: 2024年, 2024年1—9月 (a flow), 2024年第三季度末 (a stock)."""
        try:
            p = Period.parse(a.latest_period or self.as_of)
        except ValueError:
            return a.latest_period or self.as_of.label_zh
        if p.kind is PeriodKind.YEAR:
            if a.value_basis == "ytd_estimate" and a.period_value_period:
                # a whole-year estimate from the 1—N月 value, not a reported year
                return f"{p.label_zh}（按{Period.parse(a.period_value_period).ytd_label_zh}累计推算全年）"
            return p.label_zh
        ind = self.plan.indicators.get(a.indicator)
        if ind is not None and ind.temporal == "flow":
            return p.ytd_label_zh
        return f"{p.label_zh}末"

    def year_end_elapsed(self, year: int) -> float:
        """The linear time schedule at the end of ``year`` (2024 in a 2021–2025 plan: 48/60)."""
        meta = self.plan.meta
        total = (meta.end_year - meta.start_year + 1) * 12
        return min(max((year - meta.start_year + 1) * 12, 0), total) / total

    def estimates(self, items: Iterable[Assessment | None]) -> list[tuple[Assessment, AnnualEstimate]]:
        """Year-to-date estimates of the bulletin's own year (only when the period is not a year end)."""
        if self.as_of.is_year_end:
            return []
        out = []
        for a in items:
            e = AnnualEstimate.of(a) if a is not None else None
            if a is not None and e is not None and e.year == self.as_of.year:
                out.append((a, e))
        return out

    def has_seasonal(self, items: Iterable[Assessment | None]) -> bool:
        return any(a is not None and a.time_basis == "seasonal" for a in items)


# -- shared cells ------------------------------------------------------------------------------
def target_cell(t: Target, facts: Facts) -> str:
    """2025年目标 as the plan words it: 320, 1000以上, 3—5, 累计500, 每年2, 与湖南省同步."""
    if t.kind is TargetKind.RELATIVE:
        other = t.compare_to.scope if t.compare_to else None
        if other and other in facts.plan.scopes:
            return f"与{facts.plan.scopes[other].name}同步"
        return "不低于上年同期" if t.compare_to and t.compare_to.lag_years else "相对目标"
    if t.target is None:
        return f.DASH
    text = f.target_text(t.target.value, t.target.comparator, t.target.high)
    if t.kind is TargetKind.YEARLY_RATE and t.yearly_rate is not None:
        return f"每年{f.target_text(t.yearly_rate.per_year, t.yearly_rate.comparator)}"
    if t.kind is TargetKind.CUMULATIVE:
        return f"累计{text}"
    return text


def target_words(t: Target, facts: Facts) -> str:
    """The target with its unit for running text: 1000亿元以上, 累计500家, 每年2%, 与湖南省同步."""
    unit = facts.plan.indicators[t.indicator].unit
    if t.kind is TargetKind.RELATIVE or t.target is None:
        return target_cell(t, facts)
    if t.kind is TargetKind.YEARLY_RATE and t.yearly_rate is not None:
        return f"每年{f.target_quantity(t.yearly_rate.per_year, t.yearly_rate.comparator, None, unit)}"
    text = f.target_quantity(t.target.value, t.target.comparator, t.target.high, unit)
    return f"累计{text}" if t.kind is TargetKind.CUMULATIVE else text


def status_cell(a: Assessment | None) -> Cell:
    if a is None:
        return Cell("未评估", Tone.GREY)
    return Cell(a.status.label_zh, Tone.of_warning(a.warning))


def progress_cells(a: Assessment | None) -> list[Cell]:
    """完成进度, 时序进度, 超/低于时序进度, 状态."""
    if a is None:
        return [Cell(f.DASH), Cell(f.DASH), Cell(f.DASH), status_cell(None)]
    elapsed = f.pct(a.time_elapsed)
    if a.time_elapsed is not None and a.value_basis == "ytd_estimate":
        elapsed += ESTIMATE_MARK
    elif a.time_elapsed is not None and a.time_basis == "seasonal":
        elapsed += SEASONAL_MARK
    return [
        Cell(f.pct(a.completion), align=Align.RIGHT),
        Cell(elapsed, align=Align.RIGHT),
        Cell(f.schedule_gap_cell(a.gap_pp)),
        status_cell(a),
    ]


def disputed_notes(facts: Facts, items: Iterable[Assessment | None]) -> tuple[str, ...]:
    """One note per disputed row: both readings with their sources, each one's result, the status taken."""
    out = []
    for a in items:
        raw = a.inputs.get("disputed") if a is not None else None
        if a is None or not isinstance(raw, dict):
            continue
        t = facts.targets.get(a.target_id)
        other = t.disputed if t is not None else None
        if other is None:
            continue
        what = "基期值" if other.field == "baseline" else "目标值"
        own, alt = raw.get("own"), raw.get("other")
        own_status = Status(str(raw.get("own_status")))
        alt_status = Status(str(raw.get("other_status")))
        alt_done = raw.get("other_completion")
        out.append(
            f"标“{DISPUTED_MARK}”的{facts.label(a)}，规划的{what}有两种写法："
            f"{f.plain(float(own)) if own is not None else f.DASH}（{a.source.split(';')[0].strip()}）与"
            f"{f.plain(float(alt)) if alt is not None else f.DASH}（{other.source}）"
            f"{'，' + other.reason if other.reason else ''}。按前者完成进度{f.pct(a.completion)}、{own_status.label_zh}，"
            f"按后者完成进度{f.pct(float(alt_done) if alt_done is not None else None)}、{alt_status.label_zh}；"
            f"表中数值按前者，状态取两者中较低者且不判绿灯（{a.status.label_zh}），待核实。"
        )
    return tuple(out)


def estimate_note(facts: Facts, items: Iterable[Assessment | None]) -> tuple[str, ...]:
    """Why a mid-year flow's 时序进度 reads the year end: it is judged on its whole-year estimate."""
    flows = [a for a in items if a is not None and a.value_basis == "ytd_estimate" and a.time_elapsed is not None]
    if not flows:
        return ()
    year = facts.as_of.year
    return (
        f"时序进度标“{ESTIMATE_MARK}”者为流量指标：本期完成为{f.months_label(facts.as_of)}累计，"
        f"完成进度按其推算的{year}年全年值（累计÷以往年份同期累计占全年的比重，即季节规律）计算，"
        f"故对照{year}年末时序进度（{f.pct(facts.year_end_elapsed(year))}）；推算见下表。",
    )


def seasonal_note(facts: Facts, items: Iterable[Assessment | None]) -> tuple[str, ...]:
    items = list(items)
    if facts.has_seasonal(items):
        basis = f"时序进度标“{SEASONAL_MARK}”者按该指标以往年份同期累计占全年的比重（季节规律）计算，其余按规划期已过月数所占比重（线性）计算；"
    elif any(a is not None and a.time_elapsed is not None for a in items):
        basis = "时序进度按规划期已过月数所占比重（线性）计算；"
    else:
        return ()
    return (basis + GAP_NOTE,)


def is_ahead(a: Assessment) -> bool:
    return a.gap_pp is not None and not f.rounded(a.gap_pp, 1) < 0


def counts_phrase(pairs: Iterable[tuple[str, int]]) -> str:
    return "、".join(f"{name}{n}项" for name, n in pairs if n)




def common_elapsed(items: Sequence[Assessment]) -> float | None:
    """The linear time schedule shared by these items (the most common value), if any."""
    values = [a.time_elapsed for a in items if a.time_elapsed is not None and a.time_basis != "seasonal"]
    if not values:
        values = [a.time_elapsed for a in items if a.time_elapsed is not None]
    if not values:
        return None
    return Counter(round(v, 9) for v in values).most_common(1)[0][0]




def progress_phrase(facts: Facts, a: Assessment) -> str:
    """本期…，完成进度…，低于时序进度… (what triggered a warning)."""
    unit = facts.unit(a)
    parts: list[str] = []
    shown = a.shown()[0]
    if shown is not None:
        parts.append(f"本期{f.quantity(shown, unit)}{facts.period_note(a)}")
    if a.completion is not None:
        parts.append(f"完成进度{f.pct(a.completion)}")
    if a.gap_pp is not None:
        parts.append(f.schedule_gap(a.gap_pp))
    if not parts:
        parts.append(a.status.label_zh)
    return "，".join(parts)
