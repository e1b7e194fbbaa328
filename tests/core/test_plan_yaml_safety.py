"""Plan files that are not plans: each class generated, each one located error, none slow or a traceback.

Not UTF-8, deeply nested (flow and block style), aliases (plain, recursive, "billion laughs"), a key
given twice, non-finite numbers, reference cycles through members, parts, formula and flow_of, and
paths that are not files.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from planwatch.domain.problems import Problem, ProblemsError
from planwatch.plan.load import load_plan, parse_plan
from planwatch.yamlfile import MAX_DEPTH

MINI = """\
plan: {id: mini, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: all}
scopes:
  - {id: all, name: 全州, kind: prefecture, members: [a, b]}
  - {id: a, name: 甲县, kind: county, parent: all}
  - {id: b, name: 乙县, kind: county, parent: all}
indicators:
  - {id: va, name: 增加值, unit: 亿元, temporal: flow, aggregation: sum}
  - {id: out, name: 产值, unit: 亿元, temporal: flow, aggregation: sum}
targets:
  - {id: t1, indicator: va, scope: all, kind: level, baseline: {year: 2020, value: 100}, target: {year: 2025, value: 180}, source: 表}
"""


def problems(text: str) -> list[Problem]:
    with pytest.raises(ProblemsError) as exc:
        parse_plan(text, file="p.yaml")
    return exc.value.problems


def test_the_mini_plan_loads() -> None:
    assert parse_plan(MINI, file="p.yaml").targets[0].id == "t1"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "latin-1"])
def test_not_utf8(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(MINI.replace("测试规划", "测试规划é").encode(encoding, errors="replace"))
    with pytest.raises(ProblemsError) as exc:
        load_plan(path)
    (p,) = exc.value.problems
    assert p.code == "PLAN_ENCODING"
    assert p.message().startswith(f"规划文件 {path} 不是 UTF-8 编码")


def test_a_folder_and_a_fifo_named_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    targets = [folder]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        targets.append(tmp_path / "pipe.yaml")
    for path in targets:
        with pytest.raises(ProblemsError) as exc:
            load_plan(path)
        assert [p.code for p in exc.value.problems] == ["PLAN_UNREADABLE"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 999, 5000, 100_000])
def test_deep_flow_nesting(depth: int) -> None:
    started = time.perf_counter()
    (p,) = problems("x: " + "[" * depth + "]" * depth + "\n")
    assert p.code == "YAML_TOO_DEEP"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 900, 3000])
def test_deep_block_nesting(depth: int) -> None:
    nested = "".join(" " * i + "k:\n" for i in range(depth))
    (p,) = problems(nested)
    assert p.code == "YAML_TOO_DEEP"


def test_nesting_at_the_limit_is_not_refused_for_depth() -> None:
    # a mapping MAX_DEPTH levels deep under "x" is still read (then refused by the schema, not for depth)
    found = problems("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n" + MINI)
    assert "YAML_TOO_DEEP" not in [p.code for p in found]


@pytest.mark.parametrize(
    "doc",
    [
        "a: &x [1]\nb: *x\n",
        "a: &x [*x]\n",  # recursive
        "a: &x {k: *x}\n",
        "? &k a\n: 1\n? *k\n: 2\n",  # alias as a key
        "l0: &l0 [lol]\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12)),  # 9^11
    ],
    ids=["alias", "recursive-list", "recursive-map", "alias-key", "billion-laughs"],
)
def test_aliases_are_refused_quickly(doc: str) -> None:
    started = time.perf_counter()
    (p,) = problems(doc + MINI.split("\n", 1)[1])
    assert p.code == "YAML_ALIAS"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("doc", "key", "line", "first"),
    [
        (MINI + "targets:\n  - {}\n", "targets", 11, 9),
        (MINI.replace("kind: level,", "kind: level, kind: share,"), "kind", 10, 10),
        (MINI + "plan: {}\n", "plan", 11, 1),
    ],
)
def test_a_key_given_twice_is_an_error_not_last_wins(doc: str, key: str, line: int, first: int) -> None:
    (p,) = problems(doc)
    assert (p.code, p.params["key"], p.params["line"], p.params["first"]) == ("YAML_DUPLICATE_KEY", key, line, first)


@pytest.mark.parametrize("number", [".inf", "-.inf", ".nan", ".NaN", "1.0e+400", "-1.0e+309", "1.0e+19", "1" + "0" * 30])
def test_numbers_that_are_not_finite(number: str) -> None:
    (p,) = problems(MINI.replace("value: 180", f"value: {number}"))
    assert (p.code, p.params["path"], p.params["line"]) == ("YAML_NOT_FINITE", "targets[0].target.value", 10)


CYCLES = [
    # a and b are groups of each other
    (MINI.replace("{id: a, name: 甲县, kind: county, parent: all}", "{id: a, name: 甲县, kind: group, members: [b]}")
     .replace("{id: b, name: 乙县, kind: county, parent: all}", "{id: b, name: 乙县, kind: group, members: [a]}"),
     "范围", "members", "a → b → a"),
    (MINI.replace("aggregation: sum}\n  - {id: out", "aggregation: sum, parts: [out]}\n  - {id: out")
     .replace("{id: out, name: 产值, unit: 亿元, temporal: flow, aggregation: sum}",
              "{id: out, name: 产值, unit: 亿元, temporal: flow, aggregation: sum, parts: [va]}"),
     "指标", "parts", "va → out → va"),
    (MINI.replace("{id: va, name: 增加值, unit: 亿元, temporal: flow, aggregation: sum}",
                  "{id: va, name: 增加值, unit: 亿元, temporal: flow, aggregation: sum, flow_of: va}"),
     "指标", "flow_of", "va → va"),
    (MINI.replace("{id: out, name: 产值, unit: 亿元, temporal: flow, aggregation: sum}",
                  "{id: out, name: 产值, unit: 亿元, temporal: flow, aggregation: sum, parts: [va]}")
     .replace("{id: va, name: 增加值, unit: 亿元, temporal: flow, aggregation: sum}",
              "{id: va, name: 增加值, unit: \"%\", temporal: ratio, formula: {numerator: out, denominator: out}}"),
     "指标", "formula、parts", "va → out → va"),
]


@pytest.mark.parametrize(("doc", "what", "via", "chain"), CYCLES, ids=["members", "parts", "flow_of", "formula"])
def test_reference_cycles(doc: str, what: str, via: str, chain: str) -> None:
    found = problems(doc)
    cycles = [(p.params["what"], p.params["via"], p.params["chain"]) for p in found if p.code == "PLAN_REF_CYCLE"]
    assert cycles == [(what, via, chain)], [p.render() for p in found]
