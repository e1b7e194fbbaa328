"""Knowledge of one plan lives in that plan's file: nothing in src/ outside the plans (planwatch/plans)
and the demo's synthetic universe (planwatch/demo) names a scope, an indicator id or a table of the
bundled plan. Comments and docstrings may (they explain with the bundled plan as the example); string
literals, templates' text and the data files' values may not, except the short allow-list below."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "src"
BUNDLED = SRC / "planwatch" / "plans" / "xiangxi_2021_2025.yaml"
SKIPPED = (SRC / "planwatch" / "plans", SRC / "planwatch" / "demo")
WORDS = re.compile(r"湘西|xiangxi|表[1-4]|吉首|jishou")

# (file, the literal) → why it may stay. Keep it short.
ALLOWED: dict[tuple[str, str], str] = {
    ("planwatch/plan/load.py", "xiangxi_2021_2025"): "DEFAULT_PLAN: the plan a command uses without --plan",
    # Issue 7 (i7a) owns report/facts.py this round: the chains' label still names the chain indicator.
    # The microdata format's own column keys and an English header alias (docs/microdata.md), which two
    # of the bundled plan's indicator ids happen to share; which indicator a column makes is the plan's
    # microdata file.
    ("planwatch/ingest/microdata/columns.py", "new_product_sales"): "a microdata column's canonical key",
    ("planwatch/ingest/microdata/columns.py", "rd_spend"): "an English header accepted for 研发费用",
    ("planwatch/ingest/microdata/records.py", "new_product_sales"): "a microdata column's canonical key",
    ("planwatch/report/facts.py", "chain_output"): "i7a's file this round; to become the chains group's indicator",
}
# Ids of the bundled plan that are also ordinary words of the code: the bulletin's section keys, field
# names (an enterprise's chains, a register's parks), the chains app's label. Naming them is no knowledge of the plan.
GENERIC_WORDS = {"parks", "chains"}


def _bundled_ids() -> set[str]:
    plan = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    ids = {i["id"] for i in plan["indicators"]} | {s["id"] for s in plan["scopes"]} | {t["id"] for t in plan["targets"]}
    return ids - GENERIC_WORDS


def _python_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _yaml_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_yaml_strings(k), *_yaml_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _yaml_strings(v)]
    return []


def _texts(path: Path) -> list[tuple[int, str]]:
    if path.suffix == ".py":
        return _python_literals(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"\{#.*?#\}|<!--.*?-->", "", text, flags=re.S)
        return [(i, line) for i, line in enumerate(text.splitlines(), 1)]
    return [(0, s) for s in _yaml_strings(yaml.safe_load(text))]


def _offences(literal: str, ids: set[str]) -> bool:
    return bool(WORDS.search(literal)) or literal in ids or any(f'"{i}"' in literal for i in ids)


def test_nothing_outside_the_plans_names_the_bundled_plan() -> None:
    ids = _bundled_ids()
    found: list[str] = []
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in (".py", ".html", ".yaml") or any(path.is_relative_to(s) for s in SKIPPED):
            continue
        rel = path.relative_to(SRC).as_posix()
        for line, literal in _texts(path):
            if _offences(literal, ids) and (rel, literal) not in ALLOWED:
                found.append(f"{rel}:{line}: {literal[:70]!r}")
    assert found == []


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    ids = _bundled_ids()
    sample = tmp_path / "sample.py"
    sample.write_text('"""表1 in a docstring is fine."""\n# 湘西 in a comment is fine\nX = "表1 主要指标"\nY = "industrial_va"\n', encoding="utf-8")
    assert [lit for _, lit in _texts(sample) if _offences(lit, ids)] == ["表1 主要指标", "industrial_va"]
