"""一、总体情况: counts by status, 红黄绿灯 and grade words; headline sentences; the status chart."""

from __future__ import annotations

from collections import Counter

from planwatch.assess.results import Assessment
from planwatch.domain.enums import Status, WarningLevel
from planwatch.plan.presentation import view
from planwatch.report import formatting as f
from planwatch.report.document import (
    BarItem,
    Block,
    Figure,
    Paragraph,
    Section,
    StatusChart,
    Tone,
)
from planwatch.report.facts import (
    GRADE_ORDER,
    JUDGED,
    STATUS_ORDER,
    AnnualEstimate,
    Facts,
    counts_phrase,
    is_ahead,
    target_words,
)


def overview_section(facts: Facts) -> Section:
    items = facts.assessments
    total = len(items)
    counts = facts.status_counts()
    judged = sum(counts[s] for s in JUDGED)
    blocks: list[Block] = []
    if total == 0:
        blocks.append(Paragraph(f"截至{facts.as_of.label_zh}，暂无可评估的目标。"))
        return Section("overview", "总体情况", tuple(blocks))
    judged_phrase = counts_phrase((s.label_zh, counts[s]) for s in STATUS_ORDER if s in JUDGED)
    missing_phrase = counts_phrase([("暂无数据", counts[Status.NO_DATA]), ("无法评估", counts[Status.NOT_ASSESSABLE])])
    text = f"截至{facts.as_of.label_zh}，本期对规划确定的{total}项量化目标进行了评估，其中{judged}项有数据并作出判断"
    text += f"：{judged_phrase}" if judged_phrase else ""
    text += f"；另有{missing_phrase}。" if missing_phrase else "。"
    blocks.append(Paragraph(text))

    w = facts.warning_counts()
    lights = counts_phrase(
        [("绿灯", w[WarningLevel.GREEN]), ("黄灯", w[WarningLevel.YELLOW]), ("红灯", w[WarningLevel.RED])]
    )
    if lights:
        blocks.append(Paragraph(f"按红黄绿灯预警，{lights}。"))
    grades = Counter(a.grade_zh for a in items if a.status in JUDGED)
    ordered = [g for g in GRADE_ORDER if grades[g]] + sorted(g for g in grades if g not in GRADE_ORDER)
    if ordered:
        blocks.append(Paragraph(f"对照规划中期评估的等级用语，{counts_phrase((g, grades[g]) for g in ordered)}。"))

    pres = view(facts.plan)
    main = [facts.by_target.get(t.id) for t in pres.main_targets()]
    with_gap = [a for a in main if a is not None and a.gap_pp is not None]
    if main and pres.main is not None:
        ahead = sum(1 for a in with_gap if is_ahead(a))
        sentence = f"{pres.main.cited}所列{len(main)}项{pres.main.title}中，{len(with_gap)}项可与时序进度比较"
        if with_gap:
            sentence += f"，其中{ahead}项达到或超过时序进度，{len(with_gap) - ahead}项低于时序进度"
        blocks.append(Paragraph(sentence + "。"))
    for a in _headline_items(facts):
        blocks.append(Paragraph(_headline_sentence(facts, a)))
        for _, e in facts.estimates([a]):
            blocks.append(Paragraph(_estimate_sentence(facts, a, e)))
    if not pres.rankings:
        blocks.append(Paragraph("规划未设考核排名，本通报不作排名。"))
    blocks.append(Figure("status", facts.next_figure("目标进展状态分布"), _status_chart(facts)))
    return Section("overview", "总体情况", tuple(blocks))


def _headline_items(facts: Facts) -> list[Assessment]:
    region = facts.plan.meta.region
    out: list[Assessment] = []
    for ind in view(facts.plan).headline:
        for a in facts.assessments:
            if a.indicator == ind and a.scope_id == region and a.latest is not None and a.completion is not None:
                out.append(a)
                break
    return out


def _headline_sentence(facts: Facts, a: Assessment) -> str:
    unit = facts.unit(a)
    t = facts.targets.get(a.target_id)
    target = target_words(t, facts) if t is not None else f.quantity(a.target, unit)
    year = a.target_year or facts.plan.meta.end_year
    text = f"{facts.when(a)}，{a.scope}{a.name}为{f.quantity(a.latest, unit)}（{year}年目标{target}），完成进度{f.pct(a.completion)}"
    if a.gap_pp is not None:
        text += f"，{f.schedule_gap(a.gap_pp)}"
    if a.actual_growth is not None and a.baseline_year is not None:
        text += f"；{a.baseline_year}年以来{f.annual_growth(a.actual_growth)}"
    return text + "。"


def _estimate_sentence(facts: Facts, a: Assessment, e: AnnualEstimate) -> str:
    unit = facts.unit(a)
    how = (
        f"按以往{e.years}年同期累计占全年{f.pct(e.share)}的季节规律"
        if e.basis == "seasonal"
        else f"按月份比例（{e.ytd_period.end_month}/12）"
    )
    text = f"{e.ytd_period.ytd_label_zh}，{a.scope}{a.name}累计{f.quantity(e.ytd_value, unit)}，{how}推算全年约{f.quantity(e.value, unit)}"
    if e.completion is not None:
        elapsed = facts.year_end_elapsed(e.year)
        text += f"，推算完成进度{f.pct(e.completion)}，{f.schedule_gap((e.completion - elapsed) * 100)}（{e.year}年末时序进度{f.pct(elapsed)}）"
    return text + "。"


def _status_chart(facts: Facts) -> StatusChart:
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
