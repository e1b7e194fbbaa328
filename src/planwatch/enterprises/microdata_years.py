"""Per enterprise and year, the figures of the microdata (enterprise × month records) the register
and the pools need: revenue, output, R&D and profit summed over the months reported (万元), the
months reported, and the county named in the last month.

The microdata files are read and checked by the aggregation's own reader
(``planwatch.ingest.microdata``): the same columns, the same problems.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planwatch.domain.problems import ProblemsError, has_errors
from planwatch.ingest.microdata import records
from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.inputs import open_checked
from planwatch.plan.load import Plan


@dataclass(frozen=True, slots=True)
class EnterpriseYear:
    uscc: str
    name: str
    year: int
    months: int  # months reported
    revenue: float  # 万元
    output: float
    rd: float
    profit: float
    county: str  # scope id in the last month reported


def read_enterprise_years(paths: Sequence[Path], plan: Plan) -> dict[tuple[str, int], EnterpriseYear]:
    """(uscc, year) → figures; raises ``ProblemsError`` with every problem of the files."""
    with tempfile.TemporaryDirectory(prefix="planwatch-reg-") as tmp, Db(temp_directory=tmp) as db:
        usable, cells, problems = open_checked(db, paths, plan, Path(tmp))
        if has_errors(problems) or not usable:
            raise ProblemsError([p for p in problems if p.severity.value == "error"] or problems)
        records.create_records(db, usable)
        county_of = {c.id: c.county for c in cells}
        name_sql = " UNION ALL ".join(
            f"SELECT enterprise_id AS eid, {'name' if f.has('name') else 'NULL'} AS name FROM {f.view}"
            for f in usable)
        names_of = {str(e): str(n or "") for e, n in db.rows(
            f"SELECT eid, max(name) FROM ({name_sql}) GROUP BY eid")}
        rows = db.rows(
            "SELECT eid, year, count(*), coalesce(sum(revenue), 0), coalesce(sum(output), 0), "
            "coalesce(sum(rd), 0), coalesce(sum(profit), 0), arg_max(cell, ym) "
            "FROM records GROUP BY eid, year")
    out: dict[tuple[str, int], EnterpriseYear] = {}
    for eid, year, months, revenue, output, rd, profit, cell in rows:
        code = str(eid).strip().upper()
        out[(code, int(year))] = EnterpriseYear(code, names_of.get(str(eid), ""), int(year), int(months),
                                                float(revenue), float(output), float(rd), float(profit),
                                                county_of.get(int(cell), ""))
    return out
