"""Every definition file is read by the one safe loader (``planwatch.yamlfile.load_yaml``).

The plan, the check rules, ranking weights, assessment targets, thresholds, chains, the working
calendar, the workflow, the pools, the counting rules and the register counts: each one is fed an
alias bomb, a key given twice and a ``.nan``, and each answers with the one exact, located problem,
quickly (the bomb expands to 9^11 ≈ 3.1·10^10 strings if it is ever expanded).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from planwatch.assess.assessment_targets import parse_assessment_targets
from planwatch.assess.rank_config import parse_rank_config
from planwatch.assess.thresholds import parse_thresholds
from planwatch.chains.calendar import parse_calendar
from planwatch.chains.load import parse_chains
from planwatch.chains.workflow import parse_workflow
from planwatch.domain.problems import Problem, ProblemsError
from planwatch.enterprises.pool_rules import load_pool_rules
from planwatch.enterprises.register_counts import load_register_counts
from planwatch.ingest.rules import parse_rules
from planwatch.plan.load import Plan, load_plan, parse_plan
from planwatch.projects.counting import load_counting_rules

FILE = "def.yaml"

# l0 is one string; each l{i} lists l{i-1} nine times: l11 would be 9^11 strings once expanded.
BOMB = "l0: &l0 [lol]\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12))
# The first alias met is l1[0] (the first use of &l0). Its line is not asserted: the composer hands
# an alias the very node of its anchor, so a list item's line is the anchor's (line 1), not line 2.
DUPLICATE = "name: a\nother: 1\nname: b\n"  # "name" on line 1, again on line 3
NOT_FINITE = "first: 1\nvalue: .nan\n"  # line 2

CASES = [
    (BOMB, "YAML_ALIAS", {"path": "l1[0]"}),
    (DUPLICATE, "YAML_DUPLICATE_KEY", {"line": 3, "key": "name", "first": 1}),
    (NOT_FINITE, "YAML_NOT_FINITE", {"line": 2, "path": "value", "value": ".nan"}),
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def _written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / FILE
    path.write_text(text, encoding="utf-8")
    return path


def _targets(text: str, plan: Plan, tmp_path: Path) -> None:
    _, problems = parse_assessment_targets(text, plan, file=FILE, suffix=".yaml")
    raise ProblemsError(problems)


LOADERS: dict[str, Callable[[str, Plan, Path], object]] = {
    "plan": lambda text, plan, tmp: parse_plan(text, file=FILE),
    "rules": lambda text, plan, tmp: parse_rules(text, file=FILE),
    "weights": lambda text, plan, tmp: parse_rank_config(text, plan, file=FILE),
    "assessment-targets": _targets,
    "thresholds": lambda text, plan, tmp: parse_thresholds(text, file=FILE),
    "chain": lambda text, plan, tmp: parse_chains(text, plan, file=FILE),
    "calendar": lambda text, plan, tmp: parse_calendar(text, file=FILE),
    "workflow": lambda text, plan, tmp: parse_workflow(text, file=FILE),
    "pools": lambda text, plan, tmp: load_pool_rules(_written(tmp, text)),
    "counting": lambda text, plan, tmp: load_counting_rules(_written(tmp, text)),
    "register-counts": lambda text, plan, tmp: load_register_counts(plan, _written(tmp, text)),
}


@pytest.mark.parametrize("loader", list(LOADERS))
@pytest.mark.parametrize(("text", "code", "params"), CASES, ids=["alias-bomb", "duplicate-key", "nan"])
def test_every_definition_file_refuses_the_class(
    loader: str, text: str, code: str, params: dict[str, object], plan: Plan, tmp_path: Path
) -> None:
    started = time.perf_counter()
    with pytest.raises(ProblemsError) as exc:
        LOADERS[loader](text, plan, tmp_path)
    elapsed = time.perf_counter() - started
    problems: list[Problem] = exc.value.problems
    assert [p.code for p in problems] == [code]
    (p,) = problems
    assert {k: p.params[k] for k in params} == params
    assert p.location.file == FILE
    if "line" in params:
        assert p.location.line == params["line"]
    assert p.message().startswith(f"第 {p.params['line']} 行")  # Chinese, from the one message table
    assert elapsed < 0.5
