"""Enterprise × month records → the plan's indicators for every scope, as canonical observations.

    result = aggregate_microdata([Path("2024.parquet")], plan)
    write_observations(result.table, Path("observations.csv"))

Steps (one module each): read (headers → canonical columns) → names (months, scopes → cells) →
validate (every row problem, all at once; nothing is computed when there is an error) → records →
enterprise_year (pass 1: scale sets) → cell_sums (pass 2) → rollup (scopes, year-to-date) → build
(observations). DuckDB does the heavy work in-process; Parquet files are scanned, never loaded.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from planwatch.domain.enums import Severity
from planwatch.domain.observations import CANONICAL_COLUMNS, Observation, ObservationTable, format_value
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError, has_errors
from planwatch.ingest.microdata import (
    build,
    cell_sums,
    enterprise_year,
    names,
    read,
    records,
    rollup,
    scopes,
    validate,
)
from planwatch.ingest.microdata.db import Db, settings_problems
from planwatch.ingest.microdata.enterprise_year import DEFAULT_THRESHOLD, DataSpan
from planwatch.ingest.microdata.indicators import COUNT_ALL, COUNT_SCALE
from planwatch.ingest.microdata.inputs import open_checked
from planwatch.ingest.microdata.mapping import MicrodataMapping, Rule, available_flows, entries, load_mapping
from planwatch.ingest.output import give_default_mode
from planwatch.plan.load import Plan

DEFAULT_SOURCE = "企业微观数据汇总"


@dataclass
class MicrodataResult:
    observations: list[Observation]  # one per indicator × scope × period × measure, in no set order
    warnings: list[Problem]
    span: DataSpan
    rows: int  # records read
    enterprises: int
    deflated: bool  # growth of output and value added at comparable prices
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    @cached_property
    def table(self) -> ObservationTable:
        return ObservationTable.of(self.observations)


def aggregate_microdata(
    paths: Sequence[Path],
    plan: Plan,
    *,
    source: str = DEFAULT_SOURCE,
    threshold: float = DEFAULT_THRESHOLD,
    threads: int | None = None,
    memory_limit: str | None = None,
    mapping: MicrodataMapping | None = None,
) -> MicrodataResult:
    """Aggregate microdata files by the plan's microdata mapping (its ``microdata_file``, or ``mapping``);
    raises ``ProblemsError`` with every problem when the plan has no mapping or the input has errors."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    mapping = mapping or load_mapping(plan)
    bad_settings = settings_problems(threads, memory_limit)
    if bad_settings:
        raise ProblemsError(bad_settings)
    with tempfile.TemporaryDirectory(prefix="planwatch-micro-") as tmp, \
            Db(threads=threads, memory_limit=memory_limit, temp_directory=tmp) as db:
        usable, cells, problems = open_checked(db, paths, plan, Path(tmp))
        lap("validate")
        if has_errors(problems) or not usable:
            raise ProblemsError(_errors_first(problems + _duplicates(db, _raw_keys(usable))))
        records.create_records(db, usable)
        span, key = enterprise_year.build(db, threshold)
        lap("enterprise_year")
        # pass 1 counts rows against distinct months per enterprise-year: duplicates cost nothing to find
        if enterprise_year.duplicate_rows(db):
            raise ProblemsError(_errors_first(problems + _duplicates(db, "records")))
        if span.first_full_year + 1 <= span.last_year:
            problems.append(Problem("MICRO_SCALE_FIRST_YEAR", Severity.INFO, Location(), {
                "year": span.first_full_year, "next": span.first_full_year + 1,
                "after": span.first_full_year + 2}))
        present = records.present_columns(usable)
        deflated = "deflator" in present
        flows = [*available_flows(mapping, present), COUNT_ALL, COUNT_SCALE]
        thresholds = [e.threshold or 0.0 for e in entries(mapping, Rule.OUTPUT_AT_LEAST)]
        bases = cell_sums.bases_for({b for f in flows for b in (f.base, f.growth_base(deflated))})
        cell_sums.build(db, span.first_year, key, bases)
        lap("cell_sums")
        cell_scope = scopes.cell_scopes(cells, plan)
        agg, yearly = rollup.build(db, flows, deflated, cell_scope, span, list(bases), thresholds)
        lap("rollup")
        n_rows, n_ent = db.one("SELECT sum(n), count(DISTINCT ek) FROM ey")
    builder = build.Builder(plan, mapping, span, flows, deflated, source)
    builder.flows_from(agg)
    builder.ratios()
    builder.declines()
    builder.yearly(yearly)
    builder.totals()
    lap("observations")
    return MicrodataResult(
        observations=builder.out,
        warnings=[p for p in problems if p.severity is not Severity.ERROR],
        span=span,
        rows=int(n_rows or 0),
        enterprises=int(n_ent or 0),
        deflated=deflated,
        timings=timings,
    )


def _errors_first(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.severity.rank)


def _raw_keys(files: list[read.InputFile]) -> str:
    """Enterprise and month of every row of the files, for the duplicate check when other errors exist."""
    if not files:
        return "(SELECT NULL AS eid, NULL AS ym, NULL AS _file, NULL AS _row WHERE false)"
    return "(" + " UNION ALL ".join(
        f"SELECT r.enterprise_id AS eid, mm.ym, r._file, r._row FROM {f.view} r JOIN month_map mm ON mm.txt = r.month "
        "WHERE r.enterprise_id IS NOT NULL" for f in files) + ")"


def _duplicates(db: Db, source: str) -> list[Problem]:
    groups = f"(SELECT eid, ym, count(*) AS n, min(_file) AS file, min(_row) AS row FROM {source} " \
             "GROUP BY eid, ym HAVING count(*) > 1)"
    rows = db.rows(f"SELECT eid, ym, n, file, row FROM {groups} ORDER BY file, row LIMIT {validate.MAX_EXAMPLES}")
    if not rows:
        return []
    total = int(db.one(f"SELECT count(*) FROM {groups}")[0])
    out = [
        Problem("MICRO_DUPLICATE", Severity.ERROR, Location(file=str(r[3]), row=int(r[4])), {
            "enterprise": str(r[0]), "month": str(names.period_of_ym(int(r[1]))), "count": int(r[2])})
        for r in rows
    ]
    if total > len(out):
        out.append(Problem("MICRO_MORE", Severity.ERROR, Location(),
                           {"count": total - len(out), "code": "MICRO_DUPLICATE"}))
    return out


# -- writing ------------------------------------------------------------------------------------
def output_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return None


def check_output(path: Path) -> None:
    if output_format(path) is None:
        raise ProblemsError([Problem("MICRO_OUT_FORMAT", Severity.ERROR, Location(file=str(path)),
                                     {"file": str(path)})])


def sort_key(obs: Observation) -> tuple[str, str, str, int, int]:
    """The order of ObservationTable: indicator, scope, measure, then period (a year before its December)."""
    p = obs.period
    return (obs.indicator, obs.scope, obs.measure.value, p.year * 12 + p.end_month, -p.kind.months)


def write_observations(observations: ObservationTable | Iterable[Observation], path: Path) -> None:
    """The canonical table as CSV or Parquet, written whole or not at all (temp file, then rename)."""
    check_output(path)
    rows = list(observations) if isinstance(observations, ObservationTable) else sorted(observations, key=sort_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    give_default_mode(tmp)
    try:
        if output_format(path) == "csv":
            _write_csv(rows, tmp)
        else:
            _write_parquet(rows, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_csv(rows: list[Observation], path: Path) -> None:
    """The same text as ObservationTable.write_csv (Observation.to_row), faster for large tables."""
    periods: dict[Period, str] = {}
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CANONICAL_COLUMNS)
        for o in rows:
            period = periods.get(o.period)
            if period is None:
                period = periods[o.period] = str(o.period)
            writer.writerow((o.indicator, o.scope, period, o.measure.value, format_value(o.value), o.source, o.note))


def _write_parquet(rows: list[Observation], path: Path) -> None:
    """The canonical columns, ``value`` as a number (float64), the rest as text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    periods: dict[Period, str] = {}
    for o in rows:
        if o.period not in periods:
            periods[o.period] = str(o.period)
    columns: dict[str, object] = {
        "indicator": [o.indicator for o in rows],
        "scope": [o.scope for o in rows],
        "period": [periods[o.period] for o in rows],
        "measure": [o.measure.value for o in rows],
        "value": [o.value for o in rows],
        "source": [o.source for o in rows],
        "note": [o.note for o in rows],
    }
    assert tuple(columns) == CANONICAL_COLUMNS
    pq.write_table(pa.table(columns), str(path))
