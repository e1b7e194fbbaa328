"""docs/microdata.md stays true: every column, problem code and indicator the code knows is documented."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.ingest.microdata.columns import COLUMNS
from planwatch.ingest.microdata.mapping import load_mapping, produced_indicators
from planwatch.messages import MESSAGES
from planwatch.plan.load import load_plan

DOC = (Path(__file__).resolve().parents[2] / "docs" / "microdata.md").read_text(encoding="utf-8")


def test_every_column_is_in_the_table_with_both_names() -> None:
    rows = {(m.group(1).strip(), m.group(2).strip()) for m in re.finditer(r"^\| ([^|]+) \| ([a-z_]+) \|", DOC, re.M)}
    for col in COLUMNS:
        assert (col.zh, col.key) in rows, col.key


def test_every_problem_code_is_documented() -> None:
    for code in MESSAGES:
        if code.startswith("MICRO_"):
            assert f"| {code} |" in DOC, code


def test_every_indicator_written_is_documented() -> None:
    for indicator in produced_indicators(load_mapping(load_plan())):
        assert indicator in DOC, indicator
