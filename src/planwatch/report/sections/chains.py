"""重点产业链 (or 产业集群): the industries' group of the plan (each industry's target) and each
chain's own targets (``chain:`` on a target, 链长制)."""

from __future__ import annotations

from collections import Counter

from planwatch.assess.results import Assessment
from planwatch.domain.enums import GroupRole, WarningLevel
from planwatch.plan.presentation import view
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    Block,
    Cell,
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


def chains_section(facts: Facts) -> Section | None:
    """None when the plan names no industries."""
    pres = view(facts.plan)
    word = pres.words.chains
    heading = f"重点{word}"
    industries = facts.plan.industries()
    if not industries:
        return None
    group = pres.group(GroupRole.CHAINS)
    by_scope = {t.scope: t for t in group.targets} if group is not None else {}
    chained = any(t.chain is not None for t in facts.plan.targets)
    named = [i for i in industries if i.id in by_scope]
    opening = f"{group.cited}列出{len(named)}项{group.title}" if group is not None else f"规划列出{len(industries)}个{word}"
    if chained:
        opening = f"规划实施{word}“链长制”，" + opening + f"，各{word}章节另列链上目标"
    blocks: list[Block] = [Paragraph(opening + "。各" + word + "完成情况如下。")]
    t4 = by_scope
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
        unit = facts.plan.indicators[t.indicator].unit if t else f.DASH
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
            name = ind.name if ind.name.endswith(word) else f"{ind.name}{word}"
            lagging.append(Paragraph("；".join(parts) + "。", lead=f"{name}："))
    units = {facts.plan.indicators[t.indicator].unit for t in by_scope.values()}
    title = group.title if group is not None else f"{word}目标"
    blocks.append(
        Table(
            key="chains",
            caption=facts.next_table(f"{title}完成情况" + (f"（{next(iter(units))}）" if len(units) == 1 else "")),
            headers=(word, f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS, "链上其他目标"),
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
            caption=f"{title}{{year}}年{{months}}运行情况",
        )
    )
    if lagging:
        blocks.append(Paragraph(f"链上目标亮红灯、黄灯的{word}如下。"))
        blocks.extend(lagging)
    return Section("chains", heading, tuple(blocks))
