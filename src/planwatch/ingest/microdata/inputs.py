"""The first steps every reader of microdata files shares: open the files, map months and scope
names, and check every row (all problems at once; nothing is computed from files with errors)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planwatch.domain.problems import Problem
from planwatch.ingest.microdata import names, read, validate
from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.names import Cell
from planwatch.plan.load import Plan


def open_checked(db: Db, paths: Sequence[Path], plan: Plan,
                 tmp: Path) -> tuple[list[read.InputFile], list[Cell], list[Problem]]:
    """(usable files, the cells their rows name, every problem found)."""
    files, problems = read.open_inputs(db, [Path(p) for p in paths], tmp)
    usable = [f for f in files if f.usable]
    problems += names.map_months(db, usable)
    cells, cell_problems = names.map_cells(db, usable, plan)
    problems += cell_problems
    problems += validate.check_rows(db, usable)
    return usable, cells, problems
