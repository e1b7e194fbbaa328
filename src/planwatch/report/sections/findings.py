"""六、预警与问题 (every red and yellow item with its numbers) and 七、下一步工作建议 (what follows from them)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from planwatch.assess.results import Assessment
from planwatch.domain.enums import ScopeKind, Status, WarningLevel
from planwatch.plan.presentation import Words, view
from planwatch.report import formatting as f
from planwatch.report.document import (
    Align,
    Block,
    Cell,
    Heading,
    Paragraph,
    Section,
    Table,
    Tone,
)
from planwatch.report.facts import (
    ADVICE_RED_LIMIT,
    GAP_NOTE,
    Facts,
    counts_phrase,
    progress_phrase,
    target_words,
)


def _flagged(facts: Facts, level: WarningLevel) -> list[Assessment]:
    return sorted(
        (a for a in facts.assessments if a.warning is level),
        key=lambda a: (*facts.scope_sort_key(a), a.gap_pp if a.gap_pp is not None else 0.0),
    )


def _latest_with_unit(facts: Facts, a: Assessment, unit: str) -> str:
    value = a.shown()[0]
    if value is None:
        return f.DASH
    note = facts.period_note(a)
    text = f"{f.value_text(value, unit)}{unit}"
    return f"{text}\n{note}" if note else text


def _growth_pair(a: Assessment, unit: str) -> str:
    """实际/所需年均 in the target's terms (growth %, 百分点 for a share, the unit for a count or total)."""
    return f.pace_cell(a, unit)


def warnings_section(facts: Facts) -> Section:
    heading = "预警与问题"
    red = _flagged(facts, WarningLevel.RED)
    yellow = _flagged(facts, WarningLevel.YELLOW)
    if not red and not yellow:
        return Section("warnings", heading, (Paragraph("本期无红灯、黄灯目标。"),))
    by_kind: Counter[str] = Counter()
    for a in red:
        scope = facts.plan.scopes.get(a.scope_id)
        by_kind[_kind_word(scope.kind if scope else None, view(facts.plan).words)] += 1
    text = f"本期亮红灯{len(red)}项、黄灯{len(yellow)}项"
    if red:
        text += f"；红灯目标中，{counts_phrase(by_kind.most_common())}"
    region = facts.plan.meta.region
    detailed = [a for a in red + yellow if _is_region_level(facts, a, region)]
    others = [a for a in red + yellow if not _is_region_level(facts, a, region)]
    lead = "触发预警的数值见下表" if detailed else ""
    if others:
        lead += (f"；{'其余' if detailed else ''}{len(others)}项按范围汇总于后表，其数值见各部分的表")
    blocks: list[Block] = [Paragraph(text + "。" + lead.lstrip("；") + "。")]
    if detailed:
        blocks.append(_detail_table(facts, detailed))
    if others:
        blocks.append(_by_scope_table(facts, others))
    explained = _grouped_notes(facts, detailed)
    if explained:
        blocks.append(Heading("评估说明"))
        blocks.extend(explained)
    return Section("warnings", heading, tuple(blocks))


def _is_region_level(facts: Facts, a: Assessment, region: str) -> bool:
    scope = facts.plan.scopes.get(a.scope_id)
    return a.scope_id == region or (scope is not None and scope.kind in (ScopeKind.PREFECTURE, ScopeKind.GROUP))


def _detail_table(facts: Facts, items: Sequence[Assessment]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for i, a in enumerate(items, 1):
        unit = facts.unit(a)
        rows.append(
            (
                Cell(str(i)),
                Cell(facts.label(a), align=Align.LEFT),
                Cell(_latest_with_unit(facts, a, unit), align=Align.RIGHT),
                Cell(f.pct(a.completion), align=Align.RIGHT),
                Cell(f.schedule_gap_cell(a.gap_pp)),
                Cell(f.pct(a.progress_value), align=Align.RIGHT),
                Cell(_growth_pair(a, unit)),
                Cell(a.status.label_zh, Tone.of_warning(a.warning)),
            )
        )
    return Table(
        key="warnings",
        caption=facts.next_table(f"{facts.plan.region.name}本级红灯、黄灯目标"),
        headers=("序号", "指标", "本期完成", "完成进度", "超/低于时序进度", "进展比值", "实际/所需年均", "状态"),
        rows=tuple(rows),
        widths=(0.6, 3.2, 1.7, 1.1, 1.2, 1.1, 1.9, 1.0),
        notes=(
            GAP_NOTE
            + "进展比值决定状态和亮灯（判定规则见文末注）。"
            "实际/所需年均：基期以来每年的实际进展与自本期至目标年每年所需的进展；"
            "金额、产值按年均增速，比重按年均提高的百分点，企业数等数量和五年累计目标按每年的数量；"
            "不足一年的，直接列出剩余期限内还需完成的数量。",
        ),
    )


def _by_scope_table(facts: Facts, items: Sequence[Assessment]) -> Table:
    """The other red and yellow items, one row per scope: their names, counted (the numbers are in
    the tables of the sections for counties, parks and chains)."""
    by_scope: dict[str, list[Assessment]] = {}
    for a in sorted(items, key=lambda a: facts.scope_sort_key(a)):
        by_scope.setdefault(a.scope_id, []).append(a)
    rows: list[tuple[Cell, ...]] = []
    for members in by_scope.values():
        reds = [facts.name(a) for a in members if a.warning is WarningLevel.RED]
        yellows = [facts.name(a) for a in members if a.warning is WarningLevel.YELLOW]
        rows.append(
            (
                Cell(members[0].scope, align=Align.LEFT),
                Cell(str(len(reds)) if reds else f.DASH, Tone.RED if reds else Tone.NONE),
                Cell("、".join(reds) or f.DASH, align=Align.LEFT),
                Cell(str(len(yellows)) if yellows else f.DASH, Tone.YELLOW if yellows else Tone.NONE),
                Cell("、".join(yellows) or f.DASH, align=Align.LEFT),
            )
        )
    return Table(
        key="warnings_by_scope",
        caption=facts.next_table("其他范围红灯、黄灯目标（按范围汇总）"),
        headers=("范围", "红灯", "红灯目标", "黄灯", "黄灯目标"),
        rows=tuple(rows),
        widths=(1.8, 0.7, 4.2, 0.7, 4.2),
        notes=("各项的本期完成、完成进度和状态见本通报相应部分的表。",),
    )


NOTE_NAMES = 8  # items named after a shared caveat; the rest are counted
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CJK_SPACE = re.compile(r"\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])|(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+")


def _grouped_notes(facts: Facts, items: Sequence[Assessment]) -> list[Paragraph]:
    """The engine's caveats on the flagged items; the same caveat on several items is said once.

    Notes that differ only in their numbers share a template; numbers that vary are listed after
    each item's name, numbers common to all stay in the sentence.
    """
    groups: dict[str, list[tuple[Assessment, str]]] = {}
    for a in items:
        estimate = a.inputs.get("annual_estimate") if isinstance(a.inputs, dict) else None
        shown = estimate.get("text") if isinstance(estimate, dict) else None
        for note in a.notes:
            if note == shown and facts.estimates([a]):  # the estimate is in a table of its own
                continue
            groups.setdefault(_NUMBER.sub("#", note.strip("。 ")), []).append((a, note.strip("。 ")))
    out: list[Paragraph] = []
    for template, members in groups.items():
        numbers = [_NUMBER.findall(note) for _, note in members]
        varying = {i for i in range(len(numbers[0])) if len({n[i] for n in numbers}) > 1}
        if len(members) == 1 or len(varying) > 1:
            for a, note in members:
                out.append(Paragraph(note + "。", lead=f"{facts.label(a)}：", kind="note"))
            continue
        pieces = template.split("#")
        sentence = pieces[0]
        for i, piece in enumerate(pieces[1:]):
            sentence += ("" if i in varying else numbers[0][i]) + piece
        sentence = _CJK_SPACE.sub("", sentence)
        names = []
        for (a, _), nums in zip(members, numbers, strict=True):
            shown = "、".join(nums[i] for i in sorted(varying))
            names.append(f"{facts.label(a)}（{shown}）" if shown else facts.label(a))
        listed = list(dict.fromkeys(names))
        shown = "、".join(listed[:NOTE_NAMES]) + (f"等{len(listed)}项" if len(listed) > NOTE_NAMES else "")
        out.append(Paragraph(f"{sentence}：{shown}。", kind="note"))
    return out


def _kind_word(kind: ScopeKind | None, words: Words) -> str:
    if kind is None:
        return "其他"
    if kind.is_county_level:
        return words.units
    return {
        ScopeKind.PREFECTURE: f"{words.region}级" if words.region else "本级",
        ScopeKind.GROUP: "合计",
        ScopeKind.PARK: words.parks,
        ScopeKind.INDUSTRY: words.chains,
        ScopeKind.SUBINDUSTRY: "细分产业",
        ScopeKind.PROVINCE: "省级",
    }.get(kind, "其他")


# -- 七、下一步工作建议 -----------------------------------------------------------------------------
def advice_section(facts: Facts) -> Section:
    heading = "下一步工作建议"
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
        word = view(facts.plan).words.chains
        add(
            f"发挥{word}“链长制”作用。",
            f"{'、'.join(chains)}{word}有红灯目标，建议由对应{word}工作专班研究解决。",
        )
    if nodata:
        names = "、".join(facts.label(a) for a in nodata[:6])
        more = f"等{len(nodata)}项" if len(nodata) > 6 else f"{len(nodata)}项"
        add("完善数据报送。", f"{names}{more}目标本期暂无数据，请责任单位在下期通报前补报。")
    if not items:
        items.append(Paragraph("本期各项目标未出现红灯、黄灯，建议保持现有推进力度。"))
    return Section("advice", heading, tuple(items))


def _red_advice(facts: Facts, a: Assessment) -> str:
    """What it takes to reach the target, from the assessment's own numbers (no invented facts)."""
    unit = facts.unit(a)
    t = facts.targets.get(a.target_id)
    goal = target_words(t, facts) if t is not None else f.quantity(a.target, unit)
    year = a.target_year or facts.plan.meta.end_year
    parts: list[str] = []
    if a.status is Status.DETERIORATION and a.latest is not None and a.baseline is not None:
        parts.append(
            f"{facts.when(a)}为{f.quantity(a.latest, unit)}，低于{a.baseline_year or ''}年基期（{f.quantity(a.baseline, unit)}），须扭转下滑态势"
        )
    needed = f.required_pace_words(a, unit)
    short = f.pp(a.remaining) if unit == "%" and a.remaining is not None else f.quantity(a.remaining, unit)
    if needed is not None and a.required_growth is None and a.remaining is not None:
        # a share (百分点), a count or a total (its unit); a year or less left: the amount itself
        if a.months_left is not None and a.months_left <= 12:
            parts.append(f"{needed}才能实现{year}年目标（{goal}）")
        else:
            parts.append(f"距{year}年目标（{goal}）尚差{short}，{needed}")
    elif a.required_growth is not None:
        text = f"需{f.annual_growth(a.required_growth)}才能实现{year}年目标（{goal}）"
        if a.actual_growth is not None:
            text += f"，{a.baseline_year or facts.plan.meta.base_year}年以来实际{f.annual_growth(a.actual_growth)}"
        parts.append(text)
    if not parts:
        parts.append(progress_phrase(facts, a))
    return "；".join(parts) + "。"


def _chains_with_red(facts: Facts, red: Sequence[Assessment]) -> list[str]:
    names: list[str] = []
    for a in red:
        t = facts.targets.get(a.target_id)
        chain = t.chain if t is not None else None
        if chain and chain in facts.plan.scopes:
            name = facts.plan.scopes[chain].name
            if name not in names:
                names.append(name)
    return names
