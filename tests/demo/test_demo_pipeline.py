"""`planwatch demo`: demo data → aggregate → assess → rank → bulletin, all of it saying it is synthetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planwatch.cli import cli
from planwatch.demo.pipeline import parse_as_of, run_demo
from planwatch.domain.periods import Period
from planwatch.plan.load import load_plan


@pytest.mark.slow
def test_the_whole_chain_on_a_small_universe(tmp_path: Path) -> None:
    run = run_demo(load_plan(), tmp_path, as_of=Period.parse("2022Q4"), seed=7, small_share=0.1, formats=("html",))
    assert run.notes == []
    assert run.assessment_json is not None and run.assessment_table is not None
    assessed = json.loads(run.assessment_json.read_text(encoding="utf-8"))
    assert len(assessed) == len(load_plan().targets)
    assert all(a["synthetic"] for a in assessed if a["status"] != "no_data" and a["latest"] is not None)
    assert run.assessment_table.read_text(encoding="utf-8").startswith("【合成演示数据")
    (html,) = run.bulletin
    assert "合成演示数据" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["2020Q4", "2026Q1", "2025-06", "2025"])
def test_as_of_must_be_a_quarter_of_the_plan(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - ValueError or its PeriodError subclass
        parse_as_of(text)


def test_demo_command_refuses_a_quarter_outside_the_plan(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "out"), "--as-of", "2026Q1"])
    assert result.exit_code == 1 and "DEMO_AS_OF_INVALID" in result.output
    assert not (tmp_path / "out").exists()
