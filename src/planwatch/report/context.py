"""What the quarterly bulletin (一季一通报) says: plan + assessments → ``BulletinContext``.

Pure: no files, no fonts, no clock. Every sentence is generated from the numbers in the
``Assessment`` objects (and the plan's own targets and history); nothing is invented. Sections:

一、总体情况      counts by status, 红黄绿灯 and grade words; headline sentences; status chart
二、主要指标完成情况  表1 indicators of the region with completion against the time schedule; trend chart
三、县市区情况      the county ranking when given, and the 表3 county targets
四、园区           表2 park output targets; completion chart
五、重点产业链      表4 chains (链长制) and each chain's own targets
六、预警与问题      every red and yellow item with the numbers that triggered it
七、下一步工作建议   plain consequences of the findings (required growth, remaining amounts)

docs/bulletin.md says where every number comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from planwatch.assess.rank_results import RankingResult
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure, ScopeKind, Status, TargetKind, WarningLevel
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    BarChart,
    BarItem,
    Block,
    BulletinContext,
    Cell,
    Figure,
    Heading,
    Paragraph,
    Section,
    StatusChart,
    Table,
    Tone,
    TrendChart,
    TrendPoint,
)

STATUS_ORDER = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.LIMITED,
    Status.DETERIORATION,
    Status.NO_DATA,
    Status.NOT_ASSESSABLE,
)
GRADE_ORDER = ("提前实现", "快于预期", "基本符合预期", "相对滞后", "滞后", "暂无数据", "无法评估")
JUDGED = frozenset(STATUS_ORDER[:5])  # statuses that are a judgement (data were enough)
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
# Indicators whose progress opens the bulletin, in this order, when the plan has them.
HEADLINE_INDICATORS = ("industrial_va", "scale_industrial_va", "industrial_output")
TREND_INDICATOR = "industrial_va"
PROGRESS_HEADERS = ("完成进度", "时序进度", "超/低于时序进度", "状态")
GAP_NOTE = "超/低于时序进度＝完成进度−时序进度，单位为百分点。"
SEASONAL_MARK = "※"
ADVICE_RED_LIMIT = 8  # red items named one by one in 七; the rest are counted

METHOD_NOTE = (
    "完成进度：水平值和比重目标为（本期值−基期值）÷（目标值−基期值），五年累计目标为规划期累计完成值÷五年目标；"
    "时序进度：规划期（{start}年1月起共{months}个月）至本期末已过月数所占比重（线性），"
    "标“※”者按该指标以往年份同期累计值占全年的比重折算（季节）；"
    "超/低于时序进度＝完成进度−时序进度，单位为百分点。"
    "状态按年均增速比值法（实际年均增速÷实现目标所需年均增速，CAGR比值法）判定，"
    "红黄绿灯与等级用语由状态和时序进度得出，阈值见 docs/methodology.md。"
)
SYNTHETIC_NOTICE = "本通报所用数据为合成演示数据（synthetic demo data），非真实统计，仅用于演示，不得引用。"


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
            indicators=tuple(f"{i.name}（权重{f.num(i.weight, 1)}）" for i in result.indicators),
            notes=tuple(result.notes),
        )


RankingInput = RankingSummary | RankingResult | Sequence[RankingRow]


# -- the builder -------------------------------------------------------------------------------
def build_context(
    plan: Plan,
    assessments: Sequence[Assessment],
    as_of: Period | str,
    *,
    ranking: RankingInput | None = None,
    observations: ObservationTable | None = None,
    synthetic: bool | None = None,
    issued: date | None = None,
) -> BulletinContext:
    """The bulletin for ``as_of`` from the engine's assessments.

    ``ranking`` is the county ranking (``planwatch.assess.rank`` result, or rows);
    ``observations`` (optional) adds the yearly values after the base year to the trend chart;
    ``synthetic`` forces the demo-data notice on (None: on when any assessment or the ranking used
    synthetic data).
    """
    period = Period.parse(as_of)
    facts = _Facts(plan, list(assessments), period)
    summary = _summary(ranking)
    is_synthetic = synthetic
    if is_synthetic is None:
        is_synthetic = any(a.synthetic for a in assessments) or (isinstance(ranking, RankingResult) and ranking.synthetic)
    label = period.label_zh
    sections = (
        _overview(facts),
        _indicators(facts, observations),
        _counties(facts, summary),
        _parks(facts),
        _chains(facts),
        _warnings(facts),
        _advice(facts),
    )
    return BulletinContext(
        title=f"{plan.meta.name}主要指标完成情况通报（{label}）",
        plan_id=plan.meta.id,
        plan_name=plan.meta.name,
        as_of=period,
        period_label=label,
        synthetic=is_synthetic,
        notice=SYNTHETIC_NOTICE if is_synthetic else None,
        sections=sections,
        footnotes=_footnotes(facts, is_synthetic),
        issued=issued,
        status_counts=facts.status_counts(),
        warning_counts=facts.warning_counts(),
    )


def _summary(ranking: RankingInput | None) -> RankingSummary | None:
    if ranking is None:
        return None
    if isinstance(ranking, RankingSummary):
        return ranking if ranking.rows else None
    if isinstance(ranking, RankingResult):
        return RankingSummary.from_result(ranking) if ranking.units else None
    rows = tuple(ranking)
    return RankingSummary(rows) if rows else None


class _Facts:
    """Indexes over the plan and the assessments that every section needs."""

    def __init__(self, plan: Plan, assessments: list[Assessment], as_of: Period) -> None:
        self.plan = plan
        self.assessments = assessments
        self.as_of = as_of
        self.targets: dict[str, Target] = {t.id: t for t in plan.targets}
        self.by_target: dict[str, Assessment] = {a.target_id: a for a in assessments}
        self.scope_order = {sid: i for i, sid in enumerate(plan.scopes)}
        self.target_order = {t.id: i for i, t in enumerate(plan.targets)}
        self.figure_no = 0
        self.table_no = 0

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
        ind = self.plan.indicators.get(a.indicator)
        return ind.unit if ind is not None else a.unit

    def table_targets(self, table: str, *, scope: str | None = None) -> list[Target]:
        """Targets whose first source reference is ``table`` (表1 … 表4), in table order."""
        out = [t for t in self.plan.targets if _source_head(t.source).startswith(table)]
        if scope is not None:
            out = [t for t in out if t.scope == scope]
        return sorted(out, key=lambda t: (_table_number(t.source), self.target_order[t.id]))

    def scope_sort_key(self, a: Assessment) -> tuple[int, int]:
        scope = self.plan.scopes.get(a.scope_id)
        kind = KIND_ORDER.get(scope.kind, 9) if scope is not None else 9
        return (kind, self.scope_order.get(a.scope_id, 999))

    def label(self, a: Assessment) -> str:
        """How an item is named in running text: 湘西州 targets by indicator, others with their scope."""
        if a.indicator == "chain_output":
            return f"{a.scope}产值"
        if a.scope_id == self.plan.meta.region:
            return a.name
        return f"{a.scope}{a.name}"

    def latest_text(self, a: Assessment | None, unit: str) -> str:
        """本期完成 cell: the value, and its period when it is not the bulletin's period."""
        if a is None or a.latest is None:
            return f.DASH
        text = f.value_text(a.latest, unit)
        note = self.period_note(a)
        return f"{text}{note}"

    def period_note(self, a: Assessment) -> str:
        if not a.latest_period:
            return ""
        try:
            p = Period.parse(a.latest_period)
        except ValueError:
            return f"（{a.latest_period}）"
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
            return p.label_zh
        ind = self.plan.indicators.get(a.indicator)
        if ind is not None and ind.temporal == "flow":
            return p.ytd_label_zh
        return f"{p.label_zh}末"

    def has_seasonal(self, items: Iterable[Assessment | None]) -> bool:
        return any(a is not None and a.time_basis == "seasonal" for a in items)


def _source_head(source: str) -> str:
    return source.split(";")[0].strip()


def _table_number(source: str) -> int:
    m = re.search(r"序号?\s*(\d+)", _source_head(source))
    return int(m.group(1)) if m else 0


# -- shared cells ------------------------------------------------------------------------------
def _target_cell(t: Target, facts: _Facts) -> str:
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


def _target_words(t: Target, facts: _Facts) -> str:
    """The target with its unit for running text: 1000亿元以上, 累计500家, 每年2%, 与湖南省同步."""
    unit = facts.plan.indicators[t.indicator].unit
    if t.kind is TargetKind.RELATIVE or t.target is None:
        return _target_cell(t, facts)
    if t.kind is TargetKind.YEARLY_RATE and t.yearly_rate is not None:
        return f"每年{f.target_quantity(t.yearly_rate.per_year, t.yearly_rate.comparator, None, unit)}"
    text = f.target_quantity(t.target.value, t.target.comparator, t.target.high, unit)
    return f"累计{text}" if t.kind is TargetKind.CUMULATIVE else text


def _status_cell(a: Assessment | None) -> Cell:
    if a is None:
        return Cell("未评估", Tone.GREY)
    return Cell(a.status.label_zh, Tone.of_warning(a.warning))


def _progress_cells(a: Assessment | None) -> list[Cell]:
    """完成进度, 时序进度, 超/低于时序进度, 状态."""
    if a is None:
        return [Cell(f.DASH), Cell(f.DASH), Cell(f.DASH), _status_cell(None)]
    elapsed = f.pct(a.time_elapsed)
    if a.time_elapsed is not None and a.time_basis == "seasonal":
        elapsed += SEASONAL_MARK
    return [
        Cell(f.pct(a.completion), align=Align.RIGHT),
        Cell(elapsed, align=Align.RIGHT),
        Cell(f.schedule_gap_cell(a.gap_pp)),
        _status_cell(a),
    ]


def _seasonal_note(facts: _Facts, items: Iterable[Assessment | None]) -> tuple[str, ...]:
    items = list(items)
    if facts.has_seasonal(items):
        basis = f"时序进度标“{SEASONAL_MARK}”者按该指标以往年份同期累计占全年的比重（季节规律）计算，其余按规划期已过月数所占比重（线性）计算；"
    elif any(a is not None and a.time_elapsed is not None for a in items):
        basis = "时序进度按规划期已过月数所占比重（线性）计算；"
    else:
        return ()
    return (basis + GAP_NOTE,)


def _ahead(a: Assessment) -> bool:
    return a.gap_pp is not None and not f.rounded(a.gap_pp, 1) < 0


def _counts_phrase(pairs: Iterable[tuple[str, int]]) -> str:
    return "、".join(f"{name}{n}项" for name, n in pairs if n)


# -- 一、总体情况 --------------------------------------------------------------------------------
def _overview(facts: _Facts) -> Section:
    items = facts.assessments
    total = len(items)
    counts = facts.status_counts()
    judged = sum(counts[s] for s in JUDGED)
    blocks: list[Block] = []
    if total == 0:
        blocks.append(Paragraph(f"截至{facts.as_of.label_zh}，暂无可评估的目标。"))
        return Section("overview", "一、总体情况", tuple(blocks))
    judged_phrase = _counts_phrase((s.label_zh, counts[s]) for s in STATUS_ORDER[:5])
    missing_phrase = _counts_phrase([("暂无数据", counts[Status.NO_DATA]), ("无法评估", counts[Status.NOT_ASSESSABLE])])
    text = f"截至{facts.as_of.label_zh}，本期对规划确定的{total}项量化目标进行了评估，其中{judged}项有数据并作出判断"
    text += f"：{judged_phrase}" if judged_phrase else ""
    text += f"；另有{missing_phrase}。" if missing_phrase else "。"
    blocks.append(Paragraph(text))

    w = facts.warning_counts()
    lights = _counts_phrase(
        [("绿灯", w[WarningLevel.GREEN]), ("黄灯", w[WarningLevel.YELLOW]), ("红灯", w[WarningLevel.RED])]
    )
    if lights:
        blocks.append(Paragraph(f"按红黄绿灯预警，{lights}。"))
    grades = Counter(a.grade_zh for a in items if a.status in JUDGED)
    ordered = [g for g in GRADE_ORDER if grades[g]] + sorted(g for g in grades if g not in GRADE_ORDER)
    if ordered:
        blocks.append(Paragraph(f"对照规划中期评估的等级用语，{_counts_phrase((g, grades[g]) for g in ordered)}。"))

    region = facts.plan.meta.region
    main = [facts.by_target.get(t.id) for t in facts.table_targets("表1", scope=region)]
    with_gap = [a for a in main if a is not None and a.gap_pp is not None]
    if main:
        ahead = sum(1 for a in with_gap if _ahead(a))
        sentence = f"表1所列{len(main)}项主要指标中，{len(with_gap)}项可与时序进度比较"
        if with_gap:
            sentence += f"，其中{ahead}项达到或超过时序进度，{len(with_gap) - ahead}项低于时序进度"
        blocks.append(Paragraph(sentence + "。"))
    for a in _headline_items(facts):
        blocks.append(Paragraph(_headline_sentence(facts, a)))
    blocks.append(Figure("status", facts.next_figure("目标进展状态分布"), _status_chart(facts)))
    return Section("overview", "一、总体情况", tuple(blocks))


def _headline_items(facts: _Facts) -> list[Assessment]:
    region = facts.plan.meta.region
    out: list[Assessment] = []
    for ind in HEADLINE_INDICATORS:
        for a in facts.assessments:
            if a.indicator == ind and a.scope_id == region and a.latest is not None and a.completion is not None:
                out.append(a)
                break
    return out


def _headline_sentence(facts: _Facts, a: Assessment) -> str:
    unit = facts.unit(a)
    t = facts.targets.get(a.target_id)
    target = _target_words(t, facts) if t is not None else f.quantity(a.target, unit)
    year = a.target_year or facts.plan.meta.end_year
    text = f"{facts.when(a)}，{a.scope}{a.name}为{f.quantity(a.latest, unit)}（{year}年目标{target}），完成进度{f.pct(a.completion)}"
    if a.gap_pp is not None:
        text += f"，{f.schedule_gap(a.gap_pp)}"
    if a.actual_growth is not None and a.baseline_year is not None:
        text += f"；{a.baseline_year}年以来{f.annual_growth(a.actual_growth)}"
    return text + "。"


def _status_chart(facts: _Facts) -> StatusChart:
    counts = facts.status_counts()
    w = facts.warning_counts()
    return StatusChart(
        title=f"目标进展状态（{facts.as_of.label_zh}，共{len(facts.assessments)}项）",
        statuses=tuple(BarItem(s.label_zh, counts[s], str(counts[s])) for s in STATUS_ORDER),
        lights=(
            BarItem("红灯", w[WarningLevel.RED], str(w[WarningLevel.RED]), Tone.RED),
            BarItem("黄灯", w[WarningLevel.YELLOW], str(w[WarningLevel.YELLOW]), Tone.YELLOW),
            BarItem("绿灯", w[WarningLevel.GREEN], str(w[WarningLevel.GREEN]), Tone.GREEN),
        ),
    )


# -- 二、主要指标完成情况 -------------------------------------------------------------------------
def _indicators(facts: _Facts, observations: ObservationTable | None) -> Section:
    region = facts.plan.meta.region
    targets = facts.table_targets("表1", scope=region)
    rows: list[tuple[Cell, ...]] = []
    found: list[Assessment | None] = []
    for t in targets:
        a = facts.by_target.get(t.id)
        found.append(a)
        ind = facts.plan.indicators[t.indicator]
        rows.append(
            (
                Cell(ind.name, align=Align.LEFT),
                Cell(ind.unit),
                Cell(_target_cell(t, facts)),
                Cell(facts.latest_text(a, ind.unit), align=Align.RIGHT),
                *_progress_cells(a),
            )
        )
    blocks: list[Block] = []
    if not targets:
        blocks.append(Paragraph("规划未列出表1主要指标。"))
        return Section("indicators", "二、主要指标完成情况", tuple(blocks))
    done = sum(1 for a in found if a is not None and a.status in JUDGED)
    blocks.append(
        Paragraph(f"规划表1共列{len(targets)}项主要指标，本期{done}项有数据并作出判断，完成情况见表{facts.table_no + 1}。")
    )
    notes = list(_seasonal_note(facts, found))
    if any(a is not None and a.latest is not None and facts.period_note(a) for a in found):
        notes.append("本期完成栏括注时期的，为截至本期可得的最新数据。")
    blocks.append(
        Table(
            key="main",
            caption=facts.next_table(f"{facts.plan.region.name}主要指标完成情况（{facts.as_of.label_zh}）"),
            headers=("指标", "单位", f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS),
            rows=tuple(rows),
            widths=(3.1, 0.8, 1.3, 1.3, 1.1, 1.1, 1.3, 1.3),
            notes=tuple(notes),
        )
    )
    trend = _trend_chart(facts, observations)
    if trend is not None:
        blocks.append(Figure("trend", facts.next_figure(trend.title), trend))
    return Section("indicators", "二、主要指标完成情况", tuple(blocks))


def _trend_chart(facts: _Facts, observations: ObservationTable | None) -> TrendChart | None:
    plan = facts.plan
    region = plan.meta.region
    if TREND_INDICATOR not in plan.indicators:
        return None
    ind = plan.indicators[TREND_INDICATOR]
    points: dict[int, TrendPoint] = {}
    tables = [plan.history_observations()] + ([observations] if observations is not None else [])
    for table in tables:
        for measure in (Measure.LEVEL, Measure.YTD):
            for o in table.series(TREND_INDICATOR, region, measure, until=facts.as_of):
                if o.period.kind is PeriodKind.YEAR or (measure is Measure.YTD and o.period.end_month == 12):
                    points[o.period.year] = TrendPoint(o.period.year, o.value, f"{o.period.year}年")
    a = next((x for x in facts.assessments if x.indicator == TREND_INDICATOR and x.scope_id == region), None)
    if a is not None and a.latest is not None and a.latest_period:
        p = Period.parse(a.latest_period)
        if p.year not in points or not p.is_year_end:
            partial = not p.is_year_end
            points[p.year] = TrendPoint(p.year, a.latest, p.ytd_label_zh if partial else f"{p.year}年", partial)
    if len(points) < 2:
        return None
    path: tuple[tuple[int, float], ...] = ()
    target_label = ""
    t = next((x for x in facts.table_targets("表1", scope=region) if x.indicator == TREND_INDICATOR), None)
    if t is not None and t.baseline is not None and t.target is not None and t.baseline.value > 0:
        y0, v0, y1, v1 = t.baseline.year, t.baseline.value, t.target.year, t.target.value
        path = tuple((y, v0 * (v1 / v0) ** ((y - y0) / (y1 - y0))) for y in range(y0, y1 + 1))
        target_label = f"{y1}年目标{f.plain(v1)}{ind.unit}"
    first = min(points)
    return TrendChart(
        title=f"{plan.region.name}{ind.name}（{ind.unit}）：{first}年以来实际值与目标路径",
        unit=ind.unit,
        actual=tuple(points[y] for y in sorted(points)),
        target_path=path,
        target_label=target_label,
    )


# -- 三、县市区情况 -----------------------------------------------------------------------------
def _counties(facts: _Facts, ranking: RankingSummary | None) -> Section:
    blocks: list[Block] = []
    heading = "三、县市区情况"
    if ranking:
        ordered = sorted(ranking.rows, key=lambda r: (r.rank, r.scope))
        met = [r for r in ordered if r.meets_bar]
        how = f"按{ranking.method}" if ranking.method else "按考核评价办法"
        when = f"{ranking.period}" if ranking.period else ""
        text = f"{when}{'，' if when else ''}{how}计算县市区综合得分，{ordered[0].scope}位列第一"
        if len(ordered) > 1:
            text += f"，{ordered[-1].scope}位列第{ordered[-1].rank}"
        if any(r.meets_bar is not None for r in ordered):
            text += f"；{len(met)}个县市区考核达标" + (f"（{'、'.join(r.scope for r in met)}）" if met else "")
        blocks.append(Paragraph(text + "。"))
        if ranking.indicators:
            blocks.append(Paragraph(f"参与排名的指标：{'、'.join(ranking.indicators)}。", kind="note"))
        rows = tuple(
            (
                Cell(str(r.rank)),
                Cell(r.scope, align=Align.LEFT),
                Cell(f.num(r.score, 2), align=Align.RIGHT),
                Cell({True: "达标", False: "未达标", None: f.DASH}[r.meets_bar]),
                Cell(f"{r.rank_best}—{r.rank_worst}" if r.rank_best is not None and r.rank_worst is not None else f.DASH),
            )
            for r in ordered
        )
        blocks.append(
            Table(
                key="ranking",
                caption=facts.next_table("县市区考核综合排名"),
                headers=("排名", "县市区", "综合得分", "考核达标", "排名区间（权重±20%）"),
                rows=rows,
                widths=(0.8, 2.0, 1.4, 1.2, 2.0),
                notes=ranking.notes,
            )
        )
        chart = BarChart(
            title="县市区考核综合得分",
            axis_label="综合得分",
            items=tuple(
                BarItem(r.scope, r.score, f.num(r.score, 2), Tone.GREEN if r.meets_bar else Tone.NONE) for r in ordered
            ),
        )
        blocks.append(Figure("counties", facts.next_figure("县市区考核综合得分"), chart))
    county_block = _county_targets(facts)
    if county_block:
        blocks.extend(county_block)
    elif not ranking:
        blocks.append(Paragraph("规划未列出县市区目标（表3），本期无县市区排名。"))
    return Section("counties", heading, tuple(blocks))


def _county_targets(facts: _Facts) -> list[Block]:
    """表3: each county-level unit's count of scale enterprises and five-year new entries."""
    counties = facts.plan.county_level()
    t3 = facts.table_targets("表3")
    if not counties or not t3:
        return []
    level = {t.scope: t for t in t3 if t.kind is TargetKind.LEVEL}
    new = {t.scope: t for t in t3 if t.kind is TargetKind.CUMULATIVE}
    rows: list[tuple[Cell, ...]] = []
    used: list[Assessment | None] = []
    bars: list[BarItem] = []
    for c in counties:
        lt, nt = level.get(c.id), new.get(c.id)
        if lt is None and nt is None:
            continue
        la = facts.by_target.get(lt.id) if lt else None
        na = facts.by_target.get(nt.id) if nt else None
        used += [la, na]
        worst = min((a for a in (la, na) if a is not None), key=lambda a: WARNING_RANK[a.warning], default=None)
        unit = facts.plan.indicators[lt.indicator].unit if lt else "家"
        rows.append(
            (
                Cell(c.name, align=Align.LEFT),
                Cell(f.plain(lt.baseline.value) if lt and lt.baseline else f.DASH),
                Cell(_target_cell(lt, facts) if lt else f.DASH),
                Cell(facts.latest_text(la, unit), align=Align.RIGHT),
                Cell(f.pct(la.completion) if la else f.DASH, align=Align.RIGHT),
                Cell(f.plain(nt.target.value) if nt and nt.target else f.DASH),
                Cell(facts.latest_text(na, unit), align=Align.RIGHT),
                Cell(f.pct(na.completion) if na else f.DASH, align=Align.RIGHT),
                _status_cell(worst),
            )
        )
        if la is not None and la.completion is not None:
            bars.append(BarItem(c.name, la.completion * 100, f.pct(la.completion), Tone.of_warning(la.warning)))
    present = [a for a in used if a is not None]
    elapsed = _common_elapsed(present)
    behind = [a for a in present if a.gap_pp is not None and not _ahead(a)]
    text = f"表3所列{len(rows)}个县市区（含湘西高新区）规模工业企业培育目标中，"
    text += f"{len(present) - len(behind)}项达到或超过时序进度，{len(behind)}项低于时序进度"
    if behind:
        names = "、".join(dict.fromkeys(a.scope for a in sorted(behind, key=lambda a: a.gap_pp or 0)))
        text += f"（{names}）"
    blocks: list[Block] = [Paragraph(text + "。")]
    notes = ["状态取企业数和新增入规两项中预警较重者。"]
    if elapsed is not None:
        notes.insert(0, f"本期时序进度为{f.pct(elapsed)}。")
    blocks.append(
        Table(
            key="counties",
            caption=facts.next_table("县市区规模工业企业培育目标完成情况（家）"),
            headers=(
                "县市区",
                f"{facts.plan.meta.base_year}年企业数",
                f"{facts.plan.meta.end_year}年目标",
                "本期企业数",
                "完成进度",
                "五年新增目标",
                "累计新增",
                "新增完成进度",
                "状态",
            ),
            rows=tuple(rows),
            widths=(1.7, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.3),
            notes=tuple(notes),
        )
    )
    if bars:
        chart = BarChart(
            title="各县市区规模工业企业数目标完成进度",
            axis_label="完成进度（%）",
            items=tuple(sorted(bars, key=lambda b: -b.value)),
            reference=elapsed * 100 if elapsed is not None else None,
            reference_label=f"时序进度{f.pct(elapsed)}" if elapsed is not None else "",
        )
        blocks.append(Figure("county_progress", facts.next_figure(chart.title), chart))
    return blocks


def _common_elapsed(items: Sequence[Assessment]) -> float | None:
    """The linear time schedule shared by these items (the most common value), if any."""
    values = [a.time_elapsed for a in items if a.time_elapsed is not None and a.time_basis != "seasonal"]
    if not values:
        values = [a.time_elapsed for a in items if a.time_elapsed is not None]
    if not values:
        return None
    return Counter(round(v, 9) for v in values).most_common(1)[0][0]


# -- 四、园区 ---------------------------------------------------------------------------------
def _parks(facts: _Facts) -> Section:
    targets = facts.table_targets("表2")
    if not targets:
        return Section("parks", "四、园区", (Paragraph("规划未列出园区目标（表2）。"),))
    rows: list[tuple[Cell, ...]] = []
    found: list[Assessment | None] = []
    bars: list[BarItem] = []
    unit = facts.plan.indicators[targets[0].indicator].unit
    for t in targets:
        a = facts.by_target.get(t.id)
        found.append(a)
        scope = facts.plan.scopes[t.scope]
        is_total = scope.kind is ScopeKind.GROUP
        name = "合计" if is_total else scope.name
        rows.append(
            (
                Cell(name, align=Align.LEFT, bold=is_total),
                Cell(f.plain(t.baseline.value) if t.baseline else f.DASH, align=Align.RIGHT),
                Cell(_target_cell(t, facts)),
                Cell(facts.latest_text(a, unit), align=Align.RIGHT),
                *_progress_cells(a),
            )
        )
        if a is not None and a.completion is not None and not is_total:
            bars.append(BarItem(scope.name, a.completion * 100, f.pct(a.completion), Tone.of_warning(a.warning)))
    present = [a for a in found if a is not None]
    parks_only = [a for a, t in zip(found, targets, strict=True) if a is not None and facts.plan.scopes[t.scope].kind.is_park]
    behind = [a for a in parks_only if a.gap_pp is not None and not _ahead(a)]
    ind_name = facts.plan.indicators[targets[0].indicator].name
    text = f"表2所列{sum(1 for t in targets if facts.plan.scopes[t.scope].kind.is_park)}个省级产业园区{ind_name}目标中，"
    text += f"{len(parks_only) - len(behind)}个园区达到或超过时序进度，{len(behind)}个低于时序进度"
    if behind:
        text += "（" + "、".join(a.scope for a in sorted(behind, key=lambda a: a.gap_pp or 0)) + "）"
    total = next((facts.by_target.get(t.id) for t in targets if facts.plan.scopes[t.scope].kind is ScopeKind.GROUP), None)
    if total is not None and total.latest is not None:
        text += f"；园区合计{f.quantity(total.latest, unit)}，完成进度{f.pct(total.completion)}"
    blocks: list[Block] = [Paragraph(text + "。")]
    blocks.append(
        Table(
            key="parks",
            caption=facts.next_table(f"省级产业园区{ind_name}目标完成情况（{unit}）"),
            headers=("园区", f"{facts.plan.meta.base_year}年", f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS),
            rows=tuple(rows),
            widths=(2.3, 1.0, 1.1, 1.2, 1.1, 1.1, 1.2, 1.3),
            notes=_seasonal_note(facts, found),
        )
    )
    if bars:
        elapsed = _common_elapsed(present)
        chart = BarChart(
            title=f"各园区{ind_name}目标完成进度",
            axis_label="完成进度（%）",
            items=tuple(sorted(bars, key=lambda b: -b.value)),
            reference=elapsed * 100 if elapsed is not None else None,
            reference_label=f"时序进度{f.pct(elapsed)}" if elapsed is not None else "",
        )
        blocks.append(Figure("parks", facts.next_figure(chart.title), chart))
    return Section("parks", "四、园区", tuple(blocks))


# -- 五、重点产业链 -------------------------------------------------------------------------------
def _chains(facts: _Facts) -> Section:
    heading = "五、重点产业链"
    industries = facts.plan.industries()
    t4 = {t.scope: t for t in facts.table_targets("表4")}
    if not industries:
        return Section("chains", heading, (Paragraph("规划未列出重点产业链。"),))
    blocks: list[Block] = [
        Paragraph(
            f"规划实施产业链“链长制”，表4列出{len(industries)}条重点产业链{facts.plan.meta.end_year}年产值目标，"
            "各产业链章节另列链上目标。各链完成情况如下。"
        )
    ]
    rows: list[tuple[Cell, ...]] = []
    found: list[Assessment | None] = []
    lagging: list[Paragraph] = []
    for ind in industries:
        t = t4.get(ind.id)
        a = facts.by_target.get(t.id) if t else None
        found.append(a)
        subs = [
            x
            for x in facts.assessments
            if (facts.targets.get(x.target_id) is not None and facts.targets[x.target_id].chain == ind.id)
            and (t is None or x.target_id != t.id)
        ]
        w = Counter(x.warning for x in subs)
        flags = _counts_phrase([("红灯", w[WarningLevel.RED]), ("黄灯", w[WarningLevel.YELLOW])])
        unit = facts.plan.indicators[t.indicator].unit if t else "亿元"
        rows.append(
            (
                Cell(ind.name, align=Align.LEFT),
                Cell(_target_cell(t, facts) if t else f.DASH),
                Cell(facts.latest_text(a, unit), align=Align.RIGHT),
                *_progress_cells(a),
                Cell(f"{len(subs)}项" + (f"（{flags}）" if flags else "") if subs else f.DASH),
            )
        )
        bad = sorted(
            (x for x in subs if x.warning in (WarningLevel.RED, WarningLevel.YELLOW)),
            key=lambda x: (WARNING_RANK[x.warning], x.gap_pp or 0),
        )
        if bad:
            parts = [f"{facts.label(x)}{_progress_phrase(facts, x)}（{x.warning.label_zh}）" for x in bad]
            lagging.append(Paragraph("；".join(parts) + "。", lead=f"{ind.name}产业链："))
    blocks.append(
        Table(
            key="chains",
            caption=facts.next_table("重点产业链产值目标完成情况（亿元）"),
            headers=("产业链", f"{facts.plan.meta.end_year}年目标", "本期产值", *PROGRESS_HEADERS, "链上其他目标"),
            rows=tuple(rows),
            widths=(2.3, 1.2, 1.1, 1.1, 1.1, 1.2, 1.3, 1.6),
            notes=_seasonal_note(facts, found),
        )
    )
    if lagging:
        blocks.append(Heading("（一）链上目标预警"))
        blocks.extend(lagging)
    return Section("chains", heading, tuple(blocks))


def _progress_phrase(facts: _Facts, a: Assessment) -> str:
    """本期…，完成进度…，低于时序进度… (what triggered a warning)."""
    unit = facts.unit(a)
    parts: list[str] = []
    if a.latest is not None:
        parts.append(f"本期{f.quantity(a.latest, unit)}{facts.period_note(a)}")
    if a.completion is not None:
        parts.append(f"完成进度{f.pct(a.completion)}")
    if a.gap_pp is not None:
        parts.append(f.schedule_gap(a.gap_pp))
    if not parts:
        parts.append(a.status.label_zh)
    return "，".join(parts)


# -- 六、预警与问题 -------------------------------------------------------------------------------
def _flagged(facts: _Facts, level: WarningLevel) -> list[Assessment]:
    return sorted(
        (a for a in facts.assessments if a.warning is level),
        key=lambda a: (*facts.scope_sort_key(a), a.gap_pp if a.gap_pp is not None else 0.0),
    )


def _growth_pair(a: Assessment) -> str:
    if a.actual_growth is None and a.required_growth is None:
        return f.DASH
    return f"{f.pct(a.actual_growth)}/{f.pct(a.required_growth)}"


def _warnings(facts: _Facts) -> Section:
    heading = "六、预警与问题"
    red = _flagged(facts, WarningLevel.RED)
    yellow = _flagged(facts, WarningLevel.YELLOW)
    if not red and not yellow:
        return Section("warnings", heading, (Paragraph("本期无红灯、黄灯目标。"),))
    by_kind: Counter[str] = Counter()
    for a in red:
        scope = facts.plan.scopes.get(a.scope_id)
        by_kind[_kind_word(scope.kind if scope else None)] += 1
    text = f"本期亮红灯{len(red)}项、黄灯{len(yellow)}项"
    if red:
        text += f"；红灯目标中，{_counts_phrase(by_kind.most_common())}"
    blocks: list[Block] = [Paragraph(text + "。触发预警的数值见下表。")]
    rows: list[tuple[Cell, ...]] = []
    for i, a in enumerate(red + yellow, 1):
        unit = facts.unit(a)
        rows.append(
            (
                Cell(str(i)),
                Cell(a.scope, align=Align.LEFT),
                Cell(a.name, align=Align.LEFT),
                Cell(f"{f.value_text(a.latest, unit)}{unit if a.latest is not None else ''}{facts.period_note(a)}", align=Align.RIGHT),
                Cell(f.pct(a.completion), align=Align.RIGHT),
                Cell(f.schedule_gap_cell(a.gap_pp)),
                Cell(_growth_pair(a)),
                Cell(a.warning.label_zh, Tone.of_warning(a.warning)),
            )
        )
    blocks.append(
        Table(
            key="warnings",
            caption=facts.next_table("红灯、黄灯目标清单"),
            headers=("序号", "范围", "指标", "本期完成", "完成进度", "超/低于时序进度", "实际/所需年均增速", "预警"),
            rows=tuple(rows),
            widths=(0.6, 1.4, 2.8, 1.5, 1.1, 1.2, 1.9, 0.9),
            notes=(
                GAP_NOTE + "实际年均增速为基期以来的年均增速，所需年均增速为自本期至目标年实现目标所需的年均增速。",
            ),
        )
    )
    notes = [a for a in red + yellow if a.notes]
    for a in notes:
        blocks.append(Paragraph("；".join(a.notes) + "。", lead=f"{facts.label(a)}：", kind="note"))
    return Section("warnings", heading, tuple(blocks))


def _kind_word(kind: ScopeKind | None) -> str:
    if kind is None:
        return "其他"
    if kind.is_county_level:
        return "县市区"
    return {
        ScopeKind.PREFECTURE: "州级",
        ScopeKind.GROUP: "合计",
        ScopeKind.PARK: "园区",
        ScopeKind.INDUSTRY: "产业链",
        ScopeKind.SUBINDUSTRY: "细分产业",
        ScopeKind.PROVINCE: "省级",
    }.get(kind, "其他")


# -- 七、下一步工作建议 -----------------------------------------------------------------------------
def _advice(facts: _Facts) -> Section:
    heading = "七、下一步工作建议"
    red = _flagged(facts, WarningLevel.RED)
    yellow = _flagged(facts, WarningLevel.YELLOW)
    nodata = [a for a in facts.assessments if a.status is Status.NO_DATA]
    items: list[Paragraph] = []
    n = 0

    def add(lead: str, text: str) -> None:
        nonlocal n
        n += 1
        items.append(Paragraph(text, lead=f"{n}．{lead}"))

    for a in red[:ADVICE_RED_LIMIT]:
        add(f"加快推进{facts.label(a)}。", _red_advice(facts, a))
    if len(red) > ADVICE_RED_LIMIT:
        rest = len(red) - ADVICE_RED_LIMIT
        add("其余红灯目标。", f"另有{rest}项红灯目标（见预警清单），请责任单位逐项分析原因、制定措施。")
    if yellow:
        names = "、".join(facts.label(a) for a in yellow[:6])
        more = f"等{len(yellow)}项" if len(yellow) > 6 else f"{len(yellow)}项"
        add("加强黄灯目标调度。", f"{names}{more}目标低于预期进度，应加强调度，防止转为红灯。")
    chains = _chains_with_red(facts, red)
    if chains:
        add(
            "发挥产业链“链长制”作用。",
            f"{'、'.join(chains)}产业链有红灯目标，建议由对应产业链工作专班研究解决。",
        )
    if nodata:
        names = "、".join(facts.label(a) for a in nodata[:6])
        more = f"等{len(nodata)}项" if len(nodata) > 6 else f"{len(nodata)}项"
        add("完善数据报送。", f"{names}{more}目标本期暂无数据，请责任单位在下期通报前补报。")
    if not items:
        items.append(Paragraph("本期各项目标未出现红灯、黄灯，建议保持现有推进力度。"))
    return Section("advice", heading, tuple(items))


def _red_advice(facts: _Facts, a: Assessment) -> str:
    """What it takes to reach the target, from the assessment's own numbers (no invented facts)."""
    unit = facts.unit(a)
    t = facts.targets.get(a.target_id)
    target_words = _target_words(t, facts) if t is not None else f.quantity(a.target, unit)
    year = a.target_year or facts.plan.meta.end_year
    parts: list[str] = []
    if a.status is Status.DETERIORATION and a.latest is not None and a.baseline is not None:
        parts.append(
            f"{facts.when(a)}为{f.quantity(a.latest, unit)}，低于{a.baseline_year or ''}年基期（{f.quantity(a.baseline, unit)}），须扭转下滑态势"
        )
    remaining = a.target - a.latest if a.target is not None and a.latest is not None else None
    months = year * 12 + 12 - facts.as_of.ordinal
    ahead = remaining is not None and months > 0 and remaining * a.direction.sign > 0
    if ahead and remaining is not None and unit == "%":
        per_year = remaining / (months / 12)
        parts.append(
            f"距{year}年目标（{target_words}）尚差{f.pp(remaining)}，剩余{months}个月内需年均{'提高' if per_year > 0 else '下降'}{f.pp(per_year)}"
        )
    elif ahead and remaining is not None and (a.kind is TargetKind.CUMULATIVE or unit in f.COUNT_UNITS):
        per_year = abs(remaining) / (months / 12)
        verb = "完成" if a.kind is TargetKind.CUMULATIVE else ("增加" if remaining > 0 else "减少")
        parts.append(
            f"距{year}年目标（{target_words}）尚差{f.quantity(abs(remaining), unit)}，剩余{months}个月内年均需{verb}{f.quantity(per_year, unit)}"
        )
    elif a.required_growth is not None:
        text = f"需{f.annual_growth(a.required_growth)}才能实现{year}年目标（{target_words}）"
        if a.actual_growth is not None:
            text += f"，{a.baseline_year or facts.plan.meta.base_year}年以来实际{f.annual_growth(a.actual_growth)}"
        parts.append(text)
    if not parts:
        parts.append(_progress_phrase(facts, a))
    return "；".join(parts) + "。"


def _chains_with_red(facts: _Facts, red: Sequence[Assessment]) -> list[str]:
    names: list[str] = []
    for a in red:
        t = facts.targets.get(a.target_id)
        chain = t.chain if t is not None else None
        if chain and chain in facts.plan.scopes:
            name = facts.plan.scopes[chain].name
            if name not in names:
                names.append(name)
    return names


# -- 注 ----------------------------------------------------------------------------------------
def _footnotes(facts: _Facts, synthetic: bool) -> tuple[str, ...]:
    meta = facts.plan.meta
    issued = f"（{meta.issuer}{_date_zh(meta.issued)}印发）" if meta.issuer else ""
    notes = [f"目标值出自《{meta.name}》{issued}表1—表4及正文，各目标的出处可用 planwatch targets 查看。"]
    sources = list(dict.fromkeys(s for a in facts.assessments for s in a.sources if s))
    if sources:
        shown = "；".join(sources[:6]) + ("等" if len(sources) > 6 else "")
        notes.append(f"本期数据来源：{shown}。")
    months = (meta.end_year - meta.start_year + 1) * 12
    notes.append(METHOD_NOTE.format(start=meta.start_year, months=months))
    if synthetic:
        notes.append(SYNTHETIC_NOTICE)
    return tuple(notes)


def _date_zh(iso: str) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", iso)
    if not m:
        return iso
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
