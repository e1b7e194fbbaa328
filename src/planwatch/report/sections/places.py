"""The units' section (the 考核 ranking and the county-level units' targets) and the parks' section.

Which targets each shows comes from the plan's presentation (plan/presentation.py): the group feeding
the units' section and the group feeding the parks' section; their words (县市区, 园区) likewise.
"""

from __future__ import annotations

from planwatch.assess.results import Assessment
from planwatch.domain.enums import GroupRole, ScopeKind, TargetKind
from planwatch.plan.presentation import Group, view
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    BarChart,
    BarItem,
    Block,
    Cell,
    Figure,
    Paragraph,
    Section,
    Table,
    Tone,
)
from planwatch.report.facts import (
    PROGRESS_HEADERS,
    WARNING_RANK,
    Facts,
    RankingSummary,
    common_elapsed,
    is_ahead,
    progress_cells,
    seasonal_note,
    status_cell,
    target_cell,
)
from planwatch.report.sections.indicators import estimate_blocks


def counties_section(facts: Facts, ranking: RankingSummary | None, level: str = "county") -> Section | None:
    """The ranked units and the units' targets; None when the plan has neither units nor a ranking."""
    pres = view(facts.plan)
    declared = pres.ranking(level) or (pres.rankings[0] if pres.rankings else None)
    word = pres.unit_word(declared.level) if declared is not None else pres.words.units
    group = pres.group(GroupRole.UNITS)
    if declared is None and group is None and not ranking:
        return None
    blocks: list[Block] = []
    heading = f"{word}情况"
    if ranking:
        ordered = sorted(ranking.rows, key=lambda r: (r.rank, r.scope))
        met = [r for r in ordered if r.meets_bar]
        how = f"按{ranking.method}" if ranking.method else "按考核评价办法"
        when = f"{ranking.period}" if ranking.period else ""
        text = f"{when}{'，' if when else ''}{how}计算{word}综合得分，{ordered[0].scope}位列第一"
        if len(ordered) > 1:
            text += f"，{ordered[-1].scope}位列第{ordered[-1].rank}"
        if any(r.meets_bar is not None for r in ordered):
            text += f"；{len(met)}个{word}考核达标（{'、'.join(r.scope for r in met)}）" if met else f"；暂无{word}考核达标"
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
                caption=facts.next_table(declared.title if declared is not None else f"{word}考核综合排名"),
                headers=("排名", word, "综合得分", "考核达标", "排名区间（权重±20%）"),
                rows=rows,
                widths=(0.8, 2.0, 1.4, 1.2, 2.0),
                notes=ranking.notes,
            )
        )
        chart = BarChart(
            title=f"{word}考核综合得分",
            axis_label="综合得分",
            items=tuple(
                BarItem(r.scope, r.score, f.num(r.score, 2), Tone.GREEN if r.meets_bar else Tone.NONE) for r in ordered
            ),
        )
        blocks.append(Figure("counties", facts.next_figure(chart.title), chart))
    elif declared is None:
        blocks.append(Paragraph("规划未设考核排名。"))
    else:
        blocks.append(Paragraph(f"本期未计算{declared.title}。"))
    if group is not None:
        blocks.extend(_county_targets(facts, group) or group_table(facts, group))
    return Section("counties", heading, tuple(blocks))


def _county_targets(facts: Facts, group: Group) -> list[Block]:
    """A stock and its five-year additions per unit (a level and a cumulative target of the flow of that
    stock for each unit, e.g. 规模工业企业数 and 新增入规): one row per unit; [] for any other shape."""
    counties = facts.plan.county_level()
    targets = group.targets
    level = {t.scope: t for t in targets if t.kind is TargetKind.LEVEL}
    new = {t.scope: t for t in targets if t.kind is TargetKind.CUMULATIVE}
    stocks = {t.indicator for t in level.values()}
    flows = {facts.plan.indicators[t.indicator].flow_of for t in new.values()}
    if not counties or not level or len(stocks) != 1 or (new and flows != stocks) or len(level) + len(new) != len(targets):
        return []
    stock = facts.plan.indicators[next(iter(stocks))]
    pres = view(facts.plan)
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
        unit = stock.unit
        rows.append(
            (
                Cell(c.name, align=Align.LEFT),
                Cell(f.plain(lt.baseline.value) if lt and lt.baseline else f.DASH),
                Cell(target_cell(lt, facts) if lt else f.DASH),
                Cell(facts.latest_text(la, unit), align=Align.RIGHT),
                Cell(f.pct(la.completion) if la else f.DASH, align=Align.RIGHT),
                Cell(f.plain(nt.target.value) if nt and nt.target else f.DASH),
                Cell(facts.latest_text(na, unit), align=Align.RIGHT),
                Cell(f.pct(na.completion) if na else f.DASH, align=Align.RIGHT),
                status_cell(worst),
            )
        )
        if la is not None and la.completion is not None:
            bars.append(BarItem(c.name, la.completion * 100, f.pct(la.completion), Tone.of_warning(la.warning)))
    present = [a for a in used if a is not None]
    elapsed = common_elapsed(present)
    behind = [a for a in present if a.gap_pp is not None and not is_ahead(a)]
    zones = [c.name for c in counties if c.kind is ScopeKind.ZONE and (c.id in level or c.id in new)]
    text = f"{group.cited}{group.title}涉及{len(rows)}个{pres.words.units}" + (f"（含{'、'.join(zones)}）" if zones else "")
    text += f"，{len(present)}项有数据的目标中，{len(present) - len(behind)}项达到或超过时序进度，{len(behind)}项低于时序进度"
    if behind:
        names = "、".join(dict.fromkeys(a.scope for a in sorted(behind, key=lambda a: a.gap_pp or 0)))
        text += f"（{names}）"
    blocks: list[Block] = [Paragraph(text + "。")]
    notes = ["状态取两项目标中预警较重者。"] if new else []
    if elapsed is not None:
        notes.insert(0, f"本期时序进度为{f.pct(elapsed)}。")
    blocks.append(
        Table(
            key="counties",
            caption=facts.next_table(f"{group.title}完成情况（{stock.unit}）"),
            headers=(
                pres.words.units,
                f"{facts.plan.meta.base_year}年",
                f"{facts.plan.meta.end_year}年目标",
                "本期完成",
                "完成进度",
                "五年新增目标",
                "累计新增",
                "新增完成进度",
                "状态",
            ),
            rows=tuple(rows),
            widths=(1.5, 1.0, 1.0, 1.7, 1.1, 1.0, 1.7, 1.2, 1.3),
            notes=tuple(notes),
        )
    )
    if bars:
        chart = BarChart(
            title=f"各{pres.words.units}{stock.name}目标完成进度",
            axis_label="完成进度（%）",
            items=tuple(sorted(bars, key=lambda b: -b.value)),
            reference=elapsed * 100 if elapsed is not None else None,
            reference_label=f"时序进度{f.pct(elapsed)}" if elapsed is not None else "",
        )
        blocks.append(Figure("county_progress", facts.next_figure(chart.title), chart))
    return blocks




def parks_section(facts: Facts) -> Section | None:
    """The parks' group: one row per park and its total; None when the plan sets no park targets."""
    pres = view(facts.plan)
    group = pres.group(GroupRole.PARKS)
    if group is None:
        return None
    word = pres.words.parks
    targets = list(group.targets)
    if len({t.indicator for t in targets}) != 1:
        return Section("parks", word, tuple(group_table(facts, group)))
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
                Cell(target_cell(t, facts)),
                Cell(facts.latest_text(a, unit), align=Align.RIGHT),
                *progress_cells(a),
            )
        )
        if a is not None and a.completion is not None and not is_total:
            bars.append(BarItem(scope.name, a.completion * 100, f.pct(a.completion), Tone.of_warning(a.warning)))
    present = [a for a in found if a is not None]
    parks_only = [a for a, t in zip(found, targets, strict=True) if a is not None and facts.plan.scopes[t.scope].kind.is_park]
    behind = [a for a in parks_only if a.gap_pp is not None and not is_ahead(a)]
    ind_name = facts.plan.indicators[targets[0].indicator].name
    text = f"{group.cited}所列{sum(1 for t in targets if facts.plan.scopes[t.scope].kind.is_park)}个{word}{ind_name}目标中，"
    text += f"{len(parks_only) - len(behind)}个{word}达到或超过时序进度，{len(behind)}个低于时序进度"
    if behind:
        text += "（" + "、".join(a.scope for a in sorted(behind, key=lambda a: a.gap_pp or 0)) + "）"
    total = next((facts.by_target.get(t.id) for t in targets if facts.plan.scopes[t.scope].kind is ScopeKind.GROUP), None)
    if total is not None and total.latest is not None:
        text += f"；{word}合计{f.quantity(total.latest, unit)}，完成进度{f.pct(total.completion)}"
    blocks: list[Block] = [Paragraph(text + "。")]
    blocks.append(
        Table(
            key="parks",
            caption=facts.next_table(f"{group.title}完成情况（{unit}）"),
            headers=(word, f"{facts.plan.meta.base_year}年", f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS),
            rows=tuple(rows),
            widths=(2.2, 1.0, 1.1, 1.7, 1.1, 1.1, 1.2, 1.3),
            notes=seasonal_note(facts, found),
        )
    )
    blocks.extend(
        estimate_blocks(
            facts,
            [("合计" if facts.plan.scopes[t.scope].kind is ScopeKind.GROUP else a.scope, a)
             for t, a in zip(targets, found, strict=True) if a is not None],
            key="park_estimates",
            caption=f"{word}{ind_name}{{year}}年{{months}}运行情况（{unit}）",
        )
    )
    if bars:
        elapsed = common_elapsed(present)
        chart = BarChart(
            title=f"各{word}{ind_name}目标完成进度",
            axis_label="完成进度（%）",
            items=tuple(sorted(bars, key=lambda b: -b.value)),
            reference=elapsed * 100 if elapsed is not None else None,
            reference_label=f"时序进度{f.pct(elapsed)}" if elapsed is not None else "",
        )
        blocks.append(Figure("parks", facts.next_figure(chart.title), chart))
    return Section("parks", word, tuple(blocks))


def group_table(facts: Facts, group: Group) -> list[Block]:
    """Any group of targets as one table: a row per target (scope, indicator, baseline, target, progress)."""
    rows: list[tuple[Cell, ...]] = []
    found: list[Assessment | None] = []
    for t in group.targets:
        a = facts.by_target.get(t.id)
        found.append(a)
        ind = facts.plan.indicators[t.indicator]
        scope = facts.plan.scopes[t.scope]
        rows.append(
            (
                Cell(scope.name, align=Align.LEFT, bold=scope.kind is ScopeKind.GROUP),
                Cell(ind.name, align=Align.LEFT),
                Cell(ind.unit),
                Cell(f.plain(t.baseline.value) if t.baseline else f.DASH, align=Align.RIGHT),
                Cell(target_cell(t, facts)),
                Cell(facts.latest_text(a, ind.unit), align=Align.RIGHT),
                *progress_cells(a),
            )
        )
    present = [a for a in found if a is not None]
    behind = [a for a in present if a.gap_pp is not None and not is_ahead(a)]
    with_gap = [a for a in present if a.gap_pp is not None]
    text = f"{group.cited}{group.title}共{len(rows)}项，{len(with_gap)}项可与时序进度比较"
    if with_gap:
        text += f"，其中{len(with_gap) - len(behind)}项达到或超过时序进度，{len(behind)}项低于时序进度"
    return [
        Paragraph(text + "。"),
        Table(
            key=f"group_{group.id}",
            caption=facts.next_table(f"{group.title}完成情况"),
            headers=("范围", "指标", "单位", f"{facts.plan.meta.base_year}年", f"{facts.plan.meta.end_year}年目标", "本期完成", *PROGRESS_HEADERS),
            rows=tuple(rows),
            widths=(1.6, 2.4, 0.8, 1.0, 1.1, 1.5, 1.0, 1.0, 1.2, 1.2),
            notes=seasonal_note(facts, found),
        ),
    ]
