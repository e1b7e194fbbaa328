"""主要指标完成情况: the plan's main table, this year's seasonal estimates, the trend chart."""

from __future__ import annotations

from collections.abc import Sequence

from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.presentation import view
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    Block,
    Cell,
    Figure,
    Paragraph,
    Section,
    Table,
    TrendChart,
    TrendPoint,
)
from planwatch.report.facts import (
    DISPUTED_MARK,
    JUDGED,
    PROGRESS_HEADERS,
    Facts,
    disputed_notes,
    estimate_note,
    progress_cells,
    seasonal_note,
    target_cell,
)


def indicators_section(facts: Facts, observations: ObservationTable | None) -> Section:
    pres = view(facts.plan)
    targets = pres.main_targets()
    title = pres.main.title if pres.main is not None else "主要指标"
    heading = f"{title}完成情况"
    rows: list[tuple[Cell, ...]] = []
    found: list[Assessment | None] = []
    for t in targets:
        a = facts.by_target.get(t.id)
        found.append(a)
        ind = facts.plan.indicators[t.indicator]
        name = facts.name(a) if a is not None else ind.name
        mark = DISPUTED_MARK if t.disputed is not None else ""
        rows.append(
            (
                Cell(name + mark, align=Align.LEFT),
                Cell(ind.unit),
                Cell(target_cell(t, facts)),
                Cell(facts.latest_text(a, ind.unit), align=Align.RIGHT),
                *progress_cells(a),
            )
        )
        # the plan's stated growth beside its level (表1 "164.3/5.2%" … 年均增长15%以上), judged as growth
        for g in facts.growth_of.get(t.id, []):
            ga = facts.by_target.get(g.id)
            found.append(ga)
            rows.append(
                (
                    Cell("　其中：年均增长", align=Align.LEFT),
                    Cell("%"),
                    Cell(target_cell(g, facts)),
                    Cell(facts.latest_text(ga, "%"), align=Align.RIGHT),
                    *progress_cells(ga),
                )
            )
    blocks: list[Block] = []
    if not targets:
        blocks.append(Paragraph(f"规划未列出{facts.plan.region.name}本级的量化目标。"))
        return Section("indicators", heading, tuple(blocks))
    done = sum(1 for t in targets if (a := facts.by_target.get(t.id)) is not None and a.status in JUDGED)
    blocks.append(
        Paragraph(
            f"{pres.main.cited if pres.main else '规划'}共列{len(targets)}项{title}，"
            f"本期{done}项有数据并作出判断，完成情况见表{facts.table_no + 1}。"
        )
    )
    notes = list(seasonal_note(facts, found))
    notes.extend(estimate_note(facts, found))
    if any(t.id in facts.growth_of for t in targets):
        notes.append(
            "“其中：年均增长”行为规划与该指标一并列出的年均增速目标，本期完成为基期以来的年均增速"
            "（可比价增速逐年连乘；年中为本年累计增速），完成进度为已实现的累计增长占五年目标累计增长的比重（对数）。"
        )
    notes.extend(disputed_notes(facts, found))
    if any(a is not None and a.latest is not None and facts.period_note(a) for a in found):
        notes.append("本期完成栏括注时期的，为截至本期可得的最新数据。")
    blocks.append(
        Table(
            key="main",
            caption=facts.next_table(f"{facts.plan.region.name}{title}完成情况（{facts.as_of.label_zh}）"),
            headers=("指标", "单位", f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS),
            rows=tuple(rows),
            widths=(2.8, 0.8, 1.3, 1.7, 1.1, 1.1, 1.3, 1.3),
            notes=tuple(notes),
        )
    )
    blocks.extend(
        estimate_blocks(
            facts,
            [(a.name, a) for a in found if a is not None],
            key="estimates",
            caption=title + "{year}年{months}运行情况（按季节规律推算全年）",
        )
    )
    trend = _trend_chart(facts, observations)
    if trend is not None:
        blocks.append(Figure("trend", facts.next_figure(trend.title), trend))
    return Section("indicators", heading, tuple(blocks))


def estimate_blocks(facts: Facts, items: Sequence[tuple[str, Assessment]], *, key: str, caption: str) -> list[Block]:
    """本年运行: each flow's year-to-date value, its usual share of the year, the whole-year estimate and
    that estimate's completion against the schedule at the end of this year (a quarter's progress is
    judged against the indicator's seasonal share, not against 25/50/75%). ``caption`` may use
    ``{year}`` and ``{months}``; ``items`` pairs the first column's label with the assessment."""
    labels = {id(a): label for label, a in items}
    pairs = facts.estimates(a for _, a in items)
    if not pairs:
        return []
    year = facts.as_of.year
    elapsed = facts.year_end_elapsed(year)
    months = f.months_label(facts.as_of)
    rows: list[tuple[Cell, ...]] = []
    for a, e in pairs:
        unit = facts.unit(a)
        gap = (e.completion - elapsed) * 100 if e.completion is not None else None
        rows.append(
            (
                Cell(labels[id(a)], align=Align.LEFT),
                Cell(unit),
                Cell(f.value_text(e.ytd_value, unit), align=Align.RIGHT),
                Cell(f.pct(e.share), align=Align.RIGHT),
                Cell(e.basis_text()),
                Cell(f.value_text(e.value, unit), align=Align.RIGHT),
                Cell(f.pct(e.completion), align=Align.RIGHT),
                Cell(f.schedule_gap_cell(gap)),
            )
        )
    text = (
        f"{facts.as_of.ytd_label_zh}累计值按以往年份同期累计占全年的比重（季节规律）推算全年，"
        f"与{year}年末时序进度（{f.pct(elapsed)}）比较，见表{facts.table_no + 1}。"
    )
    return [
        Paragraph(text),
        Table(
            key=key,
            caption=facts.next_table(caption.format(year=year, months=months)),
            headers=("指标", "单位", f"{months}累计", "同期占全年比重", "比重依据", f"推算{year}年", "推算完成进度", "超/低于时序进度"),
            rows=tuple(rows),
            widths=(2.6, 0.7, 1.2, 1.2, 1.3, 1.2, 1.2, 1.3),
            notes=(
                f"推算全年＝{months}累计÷同期占全年比重；比重依据为“季节（N年）”者取以往N年同期累计占全年比重的平均值，"
                f"为“线性”者按月份比例；超/低于时序进度＝推算完成进度−{year}年末时序进度（{f.pct(elapsed)}），单位为百分点。",
            ),
        ),
    ]


def _trend_chart(facts: Facts, observations: ObservationTable | None) -> TrendChart | None:
    plan = facts.plan
    region = plan.meta.region
    trend = view(plan).trend
    if trend is None or trend not in plan.indicators:
        return None
    ind = plan.indicators[trend]
    points: dict[int, TrendPoint] = {}
    tables = [plan.history_observations()] + ([observations] if observations is not None else [])
    for table in tables:
        for measure in (Measure.LEVEL, Measure.YTD):
            for o in table.series(trend, region, measure, until=facts.as_of):
                if o.period.kind is PeriodKind.YEAR or (measure is Measure.YTD and o.period.end_month == 12):
                    points[o.period.year] = TrendPoint(o.period.year, o.value, f"{o.period.year}年")
    a = next((x for x in facts.assessments if x.indicator == trend and x.scope_id == region), None)
    if a is not None and a.latest is not None and a.latest_period:
        p = Period.parse(a.latest_period)
        if p.year not in points or not p.is_year_end:
            partial = not p.is_year_end
            points[p.year] = TrendPoint(p.year, a.latest, p.ytd_label_zh if partial else f"{p.year}年", partial)
    if len(points) < 2:
        return None
    path: tuple[tuple[int, float], ...] = ()
    target_label = ""
    t = next((x for x in view(plan).main_targets() if x.indicator == trend), None)
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
