"""`planwatch serve --demo-dir`: the demo observations load as published data, once per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch_web.demo import load_demo_observations
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.states import SubmissionState

HEADER = "indicator,scope,period,measure,value,unit,source,note\n"


def _write(directory: Path, rows: list[str]) -> Path:
    path = directory / "observations.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_demo_file_loads_once_and_again_when_it_changes(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [
            "industrial_va,jishou,2024,level,60.5,亿元,synthetic demo data,",
            "industrial_va,luxi,2024,level,20.25,亿元,synthetic demo data,",
        ],
    )
    first, _ = load_demo_observations(tmp_path)
    # two values, one submission per scope × period: jishou 2024 and luxi 2024
    assert (first.values, first.submissions, first.already_loaded) == (2, 2, False)
    assert set(Submission.objects.values_list("state", flat=True)) == {SubmissionState.PUBLISHED}

    again, _ = load_demo_observations(tmp_path)
    assert again.already_loaded and again.values == 0
    assert DataValue.objects.count() == 2

    # A regenerated file (one more row) is read again; the submissions that hold values stay as they are.
    _write(
        tmp_path,
        [
            "industrial_va,jishou,2024,level,60.5,亿元,synthetic demo data,",
            "industrial_va,luxi,2024,level,20.25,亿元,synthetic demo data,",
            "industrial_va,jishou,2023,level,55,亿元,synthetic demo data,",
        ],
    )
    third, _ = load_demo_observations(tmp_path)
    assert (third.values, third.submissions, third.skipped_submissions, third.already_loaded) == (1, 1, 2, False)
    assert sorted(DataValue.objects.values_list("period", "scope", "value")) == [
        ("2023", "jishou", 55.0),
        ("2024", "jishou", 60.5),
        ("2024", "luxi", 20.25),
    ]

