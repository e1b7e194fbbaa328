"""The web bulletin ranks counties on their annual 考核 targets when PLANWATCH_ASSESSMENT_TARGETS names a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch_web.core.plan import get_plan
from planwatch_web.public.generate import _ranking

pytestmark = pytest.mark.django_db

TARGETS = """county,indicator,year,target,measure,source,note
jishou,investment_projects,2024,5,level,州考核办,
luxi,investment_projects,2024,4,level,州考核办,
"""


def _table() -> ObservationTable:
    year = Period.parse("2024")
    return ObservationTable.of(
        [
            Observation("investment_projects", "jishou", year, 4.0, source="test"),
            Observation("investment_projects", "luxi", year, 4.0, source="test"),
        ]
    )


def _score(result: object, county: str) -> object:
    unit = result.unit(county)  # type: ignore[attr-defined]
    return next(s for s in unit.indicators if s.indicator == "investment_projects")


def test_the_annual_targets_file_is_what_the_counties_are_scored_against(settings: object, tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    path.write_text(TARGETS, encoding="utf-8")
    settings.PLANWATCH_ASSESSMENT_TARGETS = str(path)  # type: ignore[attr-defined]
    notes: list[str] = []
    result = _ranking(get_plan(), _table(), Period.parse("2024"), notes)
    assert notes == []
    # 吉首市 4 projects against its target 5: completion 4 ÷ 5 = 0.8; 泸溪县 4 against 4: 1.0
    assert _score(result, "jishou").completion == pytest.approx(0.8)  # type: ignore[attr-defined]
    assert _score(result, "luxi").completion == pytest.approx(1.0)  # type: ignore[attr-defined]


def test_a_broken_targets_file_is_a_note_not_a_crash(settings: object, tmp_path: Path) -> None:
    settings.PLANWATCH_ASSESSMENT_TARGETS = str(tmp_path / "missing.csv")  # type: ignore[attr-defined]
    notes: list[str] = []
    assert _ranking(get_plan(), _table(), Period.parse("2024"), notes) is None
    assert len(notes) == 1 and notes[0].startswith("未计算县市区排名：") and "missing.csv" in notes[0]
