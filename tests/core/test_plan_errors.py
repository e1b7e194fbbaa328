"""A broken plan file: every problem at once, located (YAML path and line), in Chinese."""

from __future__ import annotations

import pytest

from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import parse_plan

GOOD_HEAD = """\
plan: {id: p, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: xx}
scopes:
  - {id: xx, name: 湘西州, kind: prefecture}
  - {id: js, name: 吉首市, kind: county, parent: xx}
indicators:
  - {id: va, name: 工业增加值, unit: 亿元}
"""


def problems_of(text: str) -> list[tuple[str, str, int | None]]:
    with pytest.raises(ProblemsError) as info:
        parse_plan(text, file="p.yaml")
    return [(p.code, p.location.path, p.location.line) for p in info.value.problems]


def test_all_schema_problems_at_once() -> None:
    text = GOOD_HEAD + (
        "targets:\n"
        "  - {id: a, indicator: va, scope: xx, kind: levle, target: {year: 2025, value: 320}, source: 表1}\n"
        "  - {id: b, indicator: va, scope: xx, kind: level, target: {year: 2025, value: abc}, source: 表1}\n"
        "  - {id: c, indicator: va, scope: xx, kind: level, target: {year: 2025, value: 1}, sauce: 表1}\n"
    )
    got = problems_of(text)
    assert ("PLAN_FIELD_INVALID", "targets[0].kind", 8) in got
    assert ("PLAN_FIELD_INVALID", "targets[1].target.value", 9) in got
    assert ("PLAN_FIELD_MISSING", "targets[2].source", 10) in got
    assert ("PLAN_FIELD_UNKNOWN", "targets[2].sauce", 10) in got


def test_unknown_reference_suggests() -> None:
    text = GOOD_HEAD + (
        "targets:\n  - {id: a, indicator: vaa, scope: js, kind: level, target: {year: 2025, value: 1}, source: 表1}\n"
    )
    with pytest.raises(ProblemsError) as info:
        parse_plan(text, file="p.yaml")
    [p] = info.value.problems
    assert p.code == "PLAN_UNKNOWN_REF"
    assert p.message() == "targets[0].indicator 引用了不存在的指标「vaa」（是否为：va？）"
    assert p.message("en") == "targets[0].indicator refers to an unknown 指标 'vaa'（是否为：va？）"


def test_kind_rules_and_duplicates() -> None:
    text = GOOD_HEAD + (
        "targets:\n"
        "  - {id: a, indicator: va, scope: xx, kind: cumulative, target: {year: 2025, value: 1}, source: 表1}\n"
        "  - {id: a, indicator: va, scope: xx, kind: level, target: {year: 2025, value: 3, high: 2, comparator: between}, source: 表1}\n"
    )
    got = problems_of(text)
    codes = sorted(c for c, _, _ in got)
    assert codes == ["PLAN_RULE_RANGE", "PLAN_RULE_SPAN"]
    with pytest.raises(ProblemsError) as info:
        parse_plan(text, file="p.yaml")
    messages = [p.message() for p in info.value.problems]
    assert messages == ["targets[0]：cumulative 类目标需要 span（起止年份）", "targets[1].target：区间目标（between）需要 high 且 high ≥ value"]


def test_yaml_syntax_error_has_line() -> None:
    got = problems_of(GOOD_HEAD + "targets: [\n  - a: {b\n")
    assert got[0][0] == "PLAN_YAML" and got[0][2] is not None


@pytest.mark.parametrize("text", ["", "just a line of text\n", "- a\n- b\n"])
def test_a_file_that_is_not_a_mapping_is_named_as_such(text: str) -> None:
    assert [c for c, _, _ in problems_of(text)] == ["PLAN_NOT_MAPPING"]


def test_duplicate_ids_across_targets() -> None:
    text = GOOD_HEAD + (
        "targets:\n"
        "  - {id: a, indicator: va, scope: xx, kind: level, target: {year: 2025, value: 1}, source: 表1}\n"
        "  - {id: a, indicator: va, scope: js, kind: level, target: {year: 2025, value: 1}, source: 表1}\n"
    )
    assert problems_of(text) == [("PLAN_DUPLICATE_ID", "targets[1].id", 9)]


def test_growth_of_only_on_a_growth_target_and_to_a_known_target() -> None:
    text = GOOD_HEAD + (
        "targets:\n"
        "  - {id: lv, indicator: va, scope: xx, kind: level, growth_of: lv, target: {year: 2025, value: 320}, source: 表1}\n"
        "  - {id: g, indicator: va, scope: xx, kind: growth, growth_of: lvv, target: {year: 2025, value: 15}, source: 表1}\n"
    )
    with pytest.raises(ProblemsError) as info:
        parse_plan(text, file="p.yaml")
    by_code = {p.code: p for p in info.value.problems}
    assert set(by_code) == {"PLAN_RULE_GROWTH_OF"}  # reference checks run once the schema holds
    assert by_code["PLAN_RULE_GROWTH_OF"].message() == "targets[0]：只有年均增速目标（kind: growth）才能写 growth_of，这里是 level"
    text = GOOD_HEAD + (
        "targets:\n"
        "  - {id: lv, indicator: va, scope: xx, kind: level, target: {year: 2025, value: 320}, source: 表1}\n"
        "  - {id: g, indicator: va, scope: xx, kind: growth, growth_of: lvv, target: {year: 2025, value: 15}, source: 表1}\n"
    )
    with pytest.raises(ProblemsError) as info:
        parse_plan(text, file="p.yaml")
    [p] = info.value.problems
    assert p.message() == "targets[1].growth_of 引用了不存在的目标「lvv」（是否为：lv？）"
