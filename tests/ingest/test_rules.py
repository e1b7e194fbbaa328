"""Validation rules as data: loading, every operator and term, both sides kept, and as problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.enums import Measure, Severity
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import ProblemsError
from planwatch.ingest import RuleOutcome, evaluate_rules, load_rules, parse_rules, rule_problems
from planwatch.ingest.rules import Rule, problem_code
from planwatch.plan.load import Plan, parse_plan

Y2023 = Period.parse("2023")


def obs(indicator: str, scope: str, value: float, period: str = "2023", measure: Measure = Measure.LEVEL) -> Observation:
    return Observation(indicator, scope, Period.parse(period), value, measure, origin=f"t.csv:{int(value)}")


def one_rule(text: str) -> Rule:
    (rule,) = parse_rules("rules:\n" + text)
    return rule


def test_bundled_rules() -> None:
    rules = load_rules()
    assert [(r.id, r.operator, r.importance) for r in rules] == [
        ("members_sum", "within_pct", "warning"),
        ("growth_range", "between", "warning"),
        ("share_range", "between", "warning"),
        ("yoy_jump", "within_pct", "warning"),
        ("count_not_negative", ">=", "warning"),
    ]
    assert [problem_code(r) for r in rules] == [
        "RULE_MEMBERS_SUM", "RULE_OUT_OF_RANGE", "RULE_OUT_OF_RANGE", "RULE_YOY_CHANGE", "RULE_BELOW_MIN",
    ]
    members = rules[0]
    assert (members.left, members.right, members.tolerance) == ("sum(members)", "value", 0.5)
    assert rules[1].right == ["-50", "200"]
    assert rules[2].right == ["0", "limit"]


def test_members_sum_keeps_both_sides_and_parts(plan: Plan) -> None:
    rule = load_rules()[0]
    table = ObservationTable.of([obs("scale_va", "jishou", 60.2), obs("scale_va", "luxi", 40.1), obs("scale_va", "xiangxi", 100.0)])
    (res,) = evaluate_rules(table, plan, [rule])
    # 60.2 + 40.1 = 100.3 against 100: |100.3 − 100| / 100 = 0.3% ≤ 0.5%
    assert res.outcome is RuleOutcome.PASSED
    assert (res.indicator, res.scope, res.period, res.measure) == ("scale_va", "xiangxi", Y2023, Measure.LEVEL)
    assert res.left.value == pytest.approx(100.3) and res.right[0].value == 100.0
    assert [(p.scope, p.value, p.origin) for p in res.left.parts] == [("jishou", 60.2, "t.csv:60"), ("luxi", 40.1, "t.csv:40")]
    assert res.difference == pytest.approx(0.3) and res.difference_pct == pytest.approx(0.3)
    d = res.to_dict()
    assert (d["rule"], d["outcome"], d["left"]["term"], d["right"][0]["term"], len(d["left"]["parts"])) == (
        "members_sum", "passed", "sum(members)", "value", 2,
    )


def test_members_sum_fails_and_is_an_error(plan: Plan) -> None:
    # The bundled rule is a warning (revised county figures should not block an import); a rules
    # file can make it an error.
    rule = load_rules()[0].model_copy(update={"importance": "error"})
    table = ObservationTable.of([obs("scale_va", "jishou", 60), obs("scale_va", "luxi", 40), obs("scale_va", "xiangxi", 101)])
    (res,) = evaluate_rules(table, plan, [rule])
    # |100 − 101| / 101 × 100 = 0.990%
    assert res.outcome is RuleOutcome.FAILED and res.difference_pct == pytest.approx(0.990099, abs=1e-6)
    (p,) = rule_problems([res], plan)
    assert (p.code, p.severity, p.location.file, p.location.row) == ("RULE_MEMBERS_SUM", Severity.ERROR, "t.csv", 101)
    assert p.params["left"] == "100" and p.params["right"] == "101" and p.params["diff"] == "0.99"


def test_missing_member_skips(plan: Plan) -> None:
    rule = load_rules()[0]
    table = ObservationTable.of([obs("scale_va", "jishou", 60), obs("scale_va", "xiangxi", 101)])
    (res,) = evaluate_rules(table, plan, [rule])
    assert res.outcome is RuleOutcome.SKIPPED
    assert [(p.scope, p.value) for p in res.left.parts] == [("jishou", 60.0), ("luxi", None)]
    never = rule.model_copy(update={"missing": "never_skip"})
    (res,) = evaluate_rules(table, plan, [never])
    # 60 (+ missing 泸溪县) against 101: 41/101 = 40.6%
    assert res.outcome is RuleOutcome.FAILED and res.left.value == 60.0


def test_non_sum_indicators_and_other_measures_are_not_subjects(plan: Plan) -> None:
    rule = load_rules()[0]
    table = ObservationTable.of(
        [obs("park_share", "jishou", 60), obs("park_share", "xiangxi", 50), obs("scale_va", "jishou", 6, measure=Measure.GROWTH)]
    )
    assert evaluate_rules(table, plan, [rule]) == []


def test_context_gives_last_year(plan: Plan) -> None:
    rule = next(r for r in load_rules() if r.id == "yoy_jump")
    table = ObservationTable.of([obs("scale_va", "xiangxi", 190)])
    (res,) = evaluate_rules(table, plan, [rule], context=plan.history_observations())
    # 2022 from the plan's history: 120; |190 − 120| / 120 = 58.33%
    assert res.outcome is RuleOutcome.FAILED and res.difference_pct == pytest.approx(58.3333, abs=1e-4)
    assert res.right[0].parts[0].origin == "plan:history" and not res.right[0].parts[0].in_table
    (res,) = evaluate_rules(table, plan, [rule])  # without the context there is no last year
    assert res.outcome is RuleOutcome.SKIPPED


def test_period_filter(plan: Plan) -> None:
    rule = next(r for r in load_rules() if r.id == "count_not_negative")
    table = ObservationTable.of([obs("enterprises", "jishou", -1, "2022"), obs("enterprises", "jishou", -2, "2023")])
    assert [str(r.period) for r in evaluate_rules(table, plan, [rule])] == ["2022", "2023"]
    assert [str(r.period) for r in evaluate_rules(table, plan, [rule], Period.parse("2023"))] == ["2023"]


@pytest.mark.parametrize(
    ("operator", "right", "tolerance", "left", "outcome"),
    [
        ("==", "10", 0, 10.0, "passed"),
        ("==", "10", 0.5, 10.4, "passed"),
        ("==", "10", 0.5, 10.6, "failed"),
        ("<=", "10", 0, 10.0, "passed"),
        ("<=", "10", 0, 10.1, "failed"),
        (">=", "10", 1, 9.0, "passed"),
        (">=", "10", 1, 8.9, "failed"),
        ("within_pct", "10", 5, 10.5, "passed"),  # 0.5 / 10 = 5%
        ("within_pct", "10", 5, 10.6, "failed"),  # 0.6 / 10 = 6%
        ("within_pct", "0", 5, 0.0, "passed"),
        ("within_pct", "0", 5, 0.1, "failed"),
        ("between", "[0, 100]", 0, 100.0, "passed"),
        ("between", "[0, 100]", 0, -0.1, "failed"),
        ("between", "[100, 0]", 0, 50.0, "passed"),  # the pair may be written either way round
    ],
)
def test_operators(plan: Plan, operator: str, right: str, tolerance: float, left: float, outcome: str) -> None:
    rule = one_rule(
        f"  - {{id: r, name: 测试, left: value, operator: '{operator}', right: {right}, tolerance: {tolerance}, "
        "indicators: {ids: [scale_va]}}"
    )
    (res,) = evaluate_rules(ObservationTable.of([obs("scale_va", "jishou", left)]), plan, [rule])
    assert res.outcome.value == outcome


def test_limit_term_skips_without_a_limit(plan: Plan) -> None:
    rule = one_rule("  - {id: r, name: 测试, left: value, operator: between, right: [0, limit]}")
    table = ObservationTable.of([obs("park_share", "xiangxi", 120), obs("scale_va", "xiangxi", 120)])
    results = {r.indicator: r.outcome for r in evaluate_rules(table, plan, [rule])}
    assert results == {"park_share": RuleOutcome.FAILED, "scale_va": RuleOutcome.SKIPPED}


PARTS_PLAN = """
plan: {id: p, name: 部分, base_year: 2020, start_year: 2021, end_year: 2025, region: xx}
scopes: [{id: xx, name: 湘西州, kind: prefecture}]
indicators:
  - {id: both, name: 上云上平台, unit: 家, temporal: flow, aggregation: sum, parts: [cloud, platform]}
  - {id: cloud, name: 上云, unit: 家, temporal: flow, aggregation: sum}
  - {id: platform, name: 上平台, unit: 家, temporal: flow, aggregation: sum}
targets: []
"""


def test_sum_of_parts_and_the_generic_message() -> None:
    plan = parse_plan(PARTS_PLAN)
    rule = one_rule("  - {id: parts_sum, name: 分项之和等于合计, left: sum(parts), operator: '==', right: value, importance: error}")
    table = ObservationTable.of([obs("cloud", "xx", 30), obs("platform", "xx", 12), obs("both", "xx", 40)])
    (res,) = evaluate_rules(table, plan, [rule])
    assert (res.indicator, res.outcome, res.left.value, res.right[0].value) == ("both", RuleOutcome.FAILED, 42.0, 40.0)
    (p,) = rule_problems([res], plan)
    assert (p.code, p.severity, p.location.row) == ("RULE_FAILED", Severity.ERROR, 40)
    assert p.message() == "湘西州2023年上云上平台：sum(parts) = 42，value = 40，不满足 ==（容差 0；规则：分项之和等于合计）"


def test_above_max_message(plan: Plan) -> None:
    rule = one_rule("  - {id: cap, name: 不超过上限, left: value, operator: '<=', right: 150, indicators: {ids: [scale_va]}}")
    (res,) = evaluate_rules(ObservationTable.of([obs("scale_va", "jishou", 160)]), plan, [rule])
    (p,) = rule_problems([res], plan)
    assert (p.code, p.severity) == ("RULE_ABOVE_MAX", Severity.WARNING)
    assert p.message() == "吉首市2023年规模工业增加值为 160亿元，不应大于 150（规则：不超过上限）"


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ("rules:\n  - {id: r, name: x, left: values, operator: '==', right: 0}", "RULES_INVALID", "rules.0.left"),
        ("rules:\n  - {id: r, name: x, left: value, operator: between, right: 0}", "RULES_INVALID", "rules.0"),
        ("rules:\n  - {id: r, name: x, left: value, operator: '==', right: [0, 1]}", "RULES_INVALID", "rules.0"),
        ("rules:\n  - {id: r, name: x, left: value, operator: '!=', right: 0}", "RULES_INVALID", "rules.0.operator"),
        ("rules:\n  - {id: r, name: x, left: 1, operator: '==', right: 0}", "RULES_INVALID", "rules.0"),
        ("rules:\n  - {id: r, name: x, left: value, operator: '==', right: 0, colour: red}", "RULES_INVALID", "rules.0.colour"),
        ("rules:\n  - {id: r, name: x, left: value, operator: '==', right: 0, tolerance: -1}", "RULES_INVALID", "rules.0.tolerance"),
        ("rules:\n  - {id: r, name: x, left: value, operator: '==', right: 0}\n  - {id: r, name: y, left: value, operator: '==', right: 0}", "RULES_DUPLICATE_ID", "rules.1.id"),
        ("rules: [\n", "RULES_YAML", ""),
    ],
)
def test_rule_file_errors(text: str, code: str, field: str) -> None:
    with pytest.raises(ProblemsError) as exc:
        parse_rules(text, file="bad.yaml")
    p = exc.value.problems[0]
    assert (p.code, p.location.file, p.location.path) == (code, "bad.yaml", field)


def test_rule_file_error_message() -> None:
    with pytest.raises(ProblemsError) as exc:
        parse_rules("rules:\n  - {id: r, name: x, left: value, operator: between, right: 0}")
    assert exc.value.problems[0].message() == "校验规则 rules.0 无效：between needs right: [low, high]"


def test_load_rules_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {id: only, name: 唯一, left: value, operator: '>=', right: 0}\n", encoding="utf-8")
    assert [r.id for r in load_rules(path)] == ["only"]
    with pytest.raises(ProblemsError) as exc:
        load_rules(tmp_path / "none.yaml")
    assert exc.value.problems[0].code == "RULES_NOT_FOUND"
