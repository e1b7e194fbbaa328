"""五、重点产业链: 表4 chains (链长制) and each chain's own targets."""

from __future__ import annotations

from collections import Counter

from planwatch.assess.results import Assessment
from planwatch.domain.enums import WarningLevel
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    Block,
    Cell,
    Heading,
    Paragraph,
    Section,
    Table,
)
from planwatch.report.facts import (
    PROGRESS_HEADERS,
    WARNING_RANK,
    Facts,
    counts_phrase,
    progress_cells,
    progress_phrase,
    seasonal_note,
    target_cell,
)
from planwatch.report.sections.indicators import estimate_blocks


def chains_section(facts: Facts) -> Section:
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
        flags = counts_phrase([("红灯", w[WarningLevel.RED]), ("黄灯", w[WarningLevel.YELLOW])])
        unit = facts.plan.indicators[t.indicator].unit if t else "亿元"
        rows.append(
            (
                Cell(ind.name, align=Align.LEFT),
                Cell(target_cell(t, facts) if t else f.DASH),
                Cell(facts.latest_text(a, unit), align=Align.RIGHT),
                *progress_cells(a),
                Cell(f"{len(subs)}项" + (f"（{flags}）" if flags else "") if subs else f.DASH),
            )
        )
        bad = sorted(
            (x for x in subs if x.warning in (WarningLevel.RED, WarningLevel.YELLOW)),
            key=lambda x: (WARNING_RANK[x.warning], x.gap_pp or 0),
        )
        if bad:
            parts = [f"{facts.label(x)}{progress_phrase(facts, x)}（{x.warning.label_zh}）" for x in bad]
            lagging.append(Paragraph("；".join(parts) + "。", lead=f"{ind.name}产业链："))
    blocks.append(
        Table(
            key="chains",
            caption=facts.next_table("重点产业链产值目标完成情况（亿元）"),
            headers=("产业链", f"{facts.plan.meta.end_year}年目标", "本期产值", *PROGRESS_HEADERS, "链上其他目标"),
            rows=tuple(rows),
            widths=(2.2, 1.2, 1.7, 1.1, 1.1, 1.2, 1.3, 1.6),
            notes=seasonal_note(facts, found),
        )
    )
    blocks.extend(
        estimate_blocks(
            facts,
            [(ind.name, a) for ind, a in zip(industries, found, strict=True) if a is not None],
            key="chain_estimates",
            caption="重点产业链产值{year}年{months}运行情况（亿元）",
        )
    )
    if lagging:
        blocks.append(Heading("（一）链上目标预警"))
        blocks.extend(lagging)
    return Section("chains", heading, tuple(blocks))
