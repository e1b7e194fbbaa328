"""Replay the kept corpus (tests/fixtures/property/cases.yaml): each once-bad input stays refused."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.problems import ProblemsError
from planwatch.ingest.values import NumberError, parse_number
from planwatch.plan.load import parse_plan

CASES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "fixtures" / "property" / "cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("text", CASES["numbers_refused"])
def test_numbers_stay_refused(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize("text", CASES["periods_refused"])
def test_periods_stay_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize("case", CASES["plans_refused"], ids=lambda c: c["code"])
def test_plans_stay_refused(case: dict[str, str]) -> None:
    started = time.perf_counter()
    with pytest.raises(ProblemsError) as exc:
        parse_plan(case["text"], file="case.yaml")
    assert [p.code for p in exc.value.problems] == [case["code"]]
    assert time.perf_counter() - started < 1.0
