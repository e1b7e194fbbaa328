"""One status, one reason (issue 7 §4; docs/methodology.md §4): at one as-of a target has the same
status in every table, tally and chart of the bulletin, and the warning is always the status's light."""

from __future__ import annotations

from collections import Counter

from planwatch.assess.classify import warning_for
from planwatch.assess.engine import assess_plan
from planwatch.domain.enums import Status, WarningLevel
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.report.context import build_context


def _obs(indicator: str, period: str, value: float, measure: str = "level") -> Observation:
    from planwatch.domain.enums import Measure

    return Observation(indicator, "xiangxi", Period.parse(period), value, Measure(measure), source="测试")


def _mid_2025() -> ObservationTable:
    return ObservationTable.of(
        [
            # 规模工业增加值: 2024 170; 1—6月 2025 90, no earlier 1—6月 → linear share 6/12: 90 ÷ 0.5 = 180 ≥ 180
            _obs("scale_industrial_va", "2024", 170.0),
            _obs("scale_industrial_va", "2025-06", 90.0, "ytd"),
            # 工业增加值: 2024 262.5; 1—6月 2025 120 → 240 < 320
            _obs("industrial_va", "2024", 262.5),
            _obs("industrial_va", "2025-06", 120.0, "ytd"),
            # 能耗下降: 3, 3, 3 then 1.5 in 2024: the five-year chain is on schedule, the 2024 barometer
            # is red (1.5 < 2 × (1 − 10%) = 1.8)
            *(_obs("energy_intensity_decline", str(y), 3.0) for y in (2021, 2022, 2023)),
            _obs("energy_intensity_decline", "2024", 1.5),
            # 工业总产值 (disputed base 258 / 547.7): 2024 760
            _obs("industrial_output", "2024", 760.0),
            # 新增入规 (disputed target 500 / 236)
            *(_obs("new_scale_enterprises", str(y), 50.0) for y in (2021, 2022, 2023, 2024)),
        ]
    )


def test_every_target_has_one_status_everywhere(plan: Plan) -> None:
    items = assess_plan(plan, _mid_2025(), Period.parse("2025Q2"))
    by_id = {a.target_id: a for a in items}
    # the warning is always the status's light (no second rule colours a row)
    assert all(a.warning is warning_for(a.status) for a in items)

    # 规模工业增加值: 已实现 on a whole-year estimate is 预计实现 (90 ÷ 6/12 = 180 ≥ 180)
    assert by_id["t1_03"].status is Status.EXPECTED and by_id["t1_03"].warning is WarningLevel.GREEN
    # 能耗: the 2024 decline 1.5 misses 2 by 25% (> 10%): red, so the status is 进展有限, not 进展顺利
    energy = by_id["t1_14"]
    assert energy.inputs["barometer"]["warning"] == "red"
    assert energy.status is Status.LIMITED and energy.warning is WarningLevel.RED
    # 工业总产值 judged on both bases: (760−258)/(1000−258) = 67.7%; (760−547.7)/(1000−547.7) = 46.9%
    out = by_id["t1_01"]
    assert out.inputs["disputed"]["other"] == 547.7
    assert round(out.completion or 0, 3) == 0.677 and round(out.inputs["disputed"]["other_completion"], 3) == 0.469
    assert out.status not in (Status.ON_TRACK, Status.EXPECTED)
    # 新增入规: Σ 2021—2024 = 200: 200/500 = 40.0% and 200/236 = 84.7%; the lower status is kept
    new = by_id["t1_05"]
    assert round(new.completion or 0, 3) == 0.4 and round(new.inputs["disputed"]["other_completion"], 3) == 0.847

    ctx = build_context(plan, items, "2025Q2")
    label = {a.target_id: a.status.label_zh for a in items}
    seen: dict[str, set[str]] = {}
    statuses = {s.label_zh for s in Status}
    for table in ctx.tables():
        if "状态" not in table.headers:
            continue
        col = table.headers.index("状态")
        for row in table.rows:
            assert row[col].text in statuses | {"未评估"}, (table.key, row[col].text)
            seen.setdefault(table.key, set()).add(row[col].text)
    main = ctx.table("main")
    for t in [t for t in plan.targets if t.scope == "xiangxi" and t.source.startswith("表1") and t.growth_of is None]:
        name = next(r for r in main.rows if r[0].text.startswith(plan.indicators[t.indicator].name))
        if t.id in label and name[0].text.rstrip("△") == ctx_name(plan, items, t.id):
            assert name[-1].text == label[t.id], t.id
    # the warnings table: each row's status is its assessment's, and the tallies count the same items
    counts = Counter(a.warning for a in items)
    assert ctx.warning_counts[WarningLevel.RED] == counts[WarningLevel.RED]
    assert sum(ctx.status_counts.values()) == len(items)
    detail = ctx.table("warnings")
    others = [t for t in ctx.tables() if t.key == "warnings_by_scope"]
    listed = len(detail.rows) + sum(int(r[i].text) for t in others for r in t.rows for i in (1, 3) if r[i].text != "—")
    assert listed == counts[WarningLevel.RED] + counts[WarningLevel.YELLOW]
    assert {r[-1].text for r in detail.rows} <= {label[a.target_id] for a in items if a.warning in (WarningLevel.RED, WarningLevel.YELLOW)}


def ctx_name(plan: Plan, items: list, target_id: str) -> str:  # type: ignore[type-arg]
    from planwatch.report.facts import Facts

    facts = Facts(plan, items, Period.parse("2025Q2"))
    return facts.name(facts.by_target[target_id])
