"""Read data files into the canonical observation table, validating everything before anything is kept.

    check_observations(paths, plan)  → ImportResult with every problem (errors included); never raises
    check_records(records, plan)     → the same for rows that are not a file (a web form)
    read_observations(paths, plan)   → ImportResult; raises ProblemsError listing every error
    load_observations(paths, plan)   → ObservationTable; raises ProblemsError listing every error

Validation runs the readers, the per-row normalisation, duplicate and cross-file conflict checks,
and the validation rules (planwatch.ingest.rules; the bundled rules.yaml unless ``rules`` is given)
against the imported rows with the plan's own history as context for "same period last year".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.domain.enums import Measure, Severity
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError, has_errors
from planwatch.ingest.header import find_header, map_columns
from planwatch.ingest.normalise import Located, RowReader, plan_units
from planwatch.ingest.readers import Cell, RawRow, RawSheet, read_file
from planwatch.ingest.rules import Rule, RuleResult, evaluate_rules, load_rules, rule_problems
from planwatch.ingest.values import format_number
from planwatch.plan.load import Plan

Key = tuple[str, str, Period, Measure]


@dataclass(slots=True)
class ImportResult:
    """What an import read: the table, the problems that did not block, and how many rows were read."""

    table: ObservationTable
    problems: list[Problem] = field(default_factory=list)  # warnings and info (errors only from check_observations)
    rows_read: int = 0  # non-blank data rows in all files and sheets
    rule_results: list[RuleResult] = field(default_factory=list)  # every rule evaluation, passed or not
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def check_observations(
    paths: Sequence[Path], plan: Plan, *, sheet: str | None = None, rules: Sequence[Rule] | None = None
) -> ImportResult:
    """Validate ``paths`` and return everything found; the table holds only rows without errors."""
    run = _Import(plan)
    for path in paths:
        path = Path(path)
        read = read_file(path, sheet)
        run.problems.extend(read.problems)
        file_rows, empty = run.read_sheets(read.sheets)
        run.problems.extend(_empty_problems(path, read.sheets, empty, file_rows, sheet))
    return run.finish(rules, [Path(p).name for p in paths])


def check_records(
    records: Sequence[Mapping[str, object]],
    plan: Plan,
    *,
    name: str = "表单",
    rules: Sequence[Rule] | None = None,
) -> ImportResult:
    """Validate rows that are not a file (a web form): each record maps a column header to its cell.

    Headers are the ones a file may use (指标, 范围, 时期, 数值 … or indicator, scope …); record i is
    reported as row i + 2, as if the headers were row 1 of a sheet named ``name``.
    """
    headers: list[str] = []
    for record in records:
        headers.extend(h for h in record if h not in headers)
    raw = RawSheet(file=name, sheet="", excel=False)
    raw.rows.append(RawRow(1, [Cell(h) for h in headers]))
    for i, record in enumerate(records):
        raw.rows.append(RawRow(i + 2, [Cell(record.get(h)) for h in headers]))
    run = _Import(plan)
    file_rows, _ = run.read_sheets([raw])
    if file_rows == 0:
        run.problems.append(Problem("INGEST_EMPTY_FILE", Severity.ERROR, Location(file=name), {"file": name}))
    return run.finish(rules, [name])


class _Import:
    """One validation run over several files: the rows kept so far and every problem."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.units = plan_units(plan)
        self.problems: list[Problem] = []
        self.accepted: dict[Key, Located] = {}
        self.rows_read = 0

    def read_sheets(self, sheets: Sequence[RawSheet]) -> tuple[int, list[RawSheet]]:
        """Read the sheets of one file; returns its number of data rows and the sheets without any."""
        in_file: dict[Key, Located] = {}
        empty: list[RawSheet] = []
        file_rows = 0
        for raw in sheets:
            header = find_header(raw)
            data = _data_rows(raw, header)
            if header is None or not data:
                empty.append(raw)
                continue
            file_rows += len(data)
            cmap, header_problems = map_columns(raw, header, self.units)
            self.problems.extend(header_problems)
            if not cmap.has_all_required():
                continue
            reader = RowReader(raw, cmap, self.plan)
            for row in data:
                result = reader.read(row)
                self.problems.extend(result.problems)
                if result.located is not None:
                    _keep(result.located, in_file, self.accepted, self.problems, self.plan)
        self.rows_read += file_rows
        return file_rows, empty

    def finish(self, rules: Sequence[Rule] | None, files: list[str]) -> ImportResult:
        table = ObservationTable.of(loc.obs for loc in self.accepted.values())
        active = list(load_rules() if rules is None else rules)
        results = evaluate_rules(table, self.plan, active, context=self.plan.history_observations())
        by_origin = {loc.obs.origin: loc.value_location for loc in self.accepted.values()}
        self.problems.extend(rule_problems(results, self.plan, locate=lambda o: by_origin.get(o.origin)))
        return ImportResult(
            table=table, problems=self.problems, rows_read=self.rows_read, rule_results=results, files=files
        )


def read_observations(
    paths: Sequence[Path], plan: Plan, *, sheet: str | None = None, rules: Sequence[Rule] | None = None
) -> ImportResult:
    """Validate and read; raises ``ProblemsError`` with every problem when any is an error."""
    result = check_observations(paths, plan, sheet=sheet, rules=rules)
    if not result.ok:
        raise ProblemsError(result.problems)
    return result


def load_observations(
    paths: Sequence[Path],
    plan: Plan,
    lang: str = "zh",
    *,
    sheet: str | None = None,
    rules: Sequence[Rule] | None = None,
) -> ObservationTable:
    """The observations of ``paths``; raises ``ProblemsError`` (rendered in ``lang``) on any error."""
    try:
        return read_observations(paths, plan, sheet=sheet, rules=rules).table
    except ProblemsError as exc:
        exc.args = (exc.render(lang),)
        raise


# -- pieces -------------------------------------------------------------------------------------
def _data_rows(raw: RawSheet, header: RawRow | None) -> list[RawRow]:
    if header is None:
        return []
    return [r for r in raw.rows if r.number > header.number and not r.is_blank()]


def _keep(
    located: Located,
    in_file: dict[Key, Located],
    accepted: dict[Key, Located],
    problems: list[Problem],
    plan: Plan,
) -> None:
    obs = located.obs
    key = obs.key
    first_here = in_file.get(key)
    if first_here is not None:
        problems.append(
            Problem(
                "INGEST_DUPLICATE_KEY",
                Severity.ERROR,
                located.location,
                {**_key_params(obs, plan), "first_row": first_here.location.row or "?"},
            )
        )
        return
    in_file[key] = located
    earlier = accepted.get(key)
    if earlier is None:
        accepted[key] = located
        return
    if not math.isclose(earlier.obs.value, obs.value, rel_tol=1e-9, abs_tol=1e-12):
        problems.append(
            Problem(
                "INGEST_CONFLICT",
                Severity.ERROR,
                located.value_location,
                {
                    **_key_params(obs, plan),
                    "value": format_number(obs.value),
                    "other": format_number(earlier.obs.value),
                    "other_where": _where_text(earlier.location),
                },
            )
        )


def _key_params(obs: Observation, plan: Plan) -> dict[str, object]:
    ind = plan.indicators[obs.indicator]
    return {
        "indicator": ind.name,
        "scope": plan.scopes[obs.scope].name,
        "period": obs.period.label_zh,
        "measure": obs.measure.label_zh,
    }


def _where_text(loc: Location) -> str:
    return ":".join(str(x) for x in (loc.file, loc.sheet, loc.row) if x not in ("", None))


def _empty_problems(
    path: Path, sheets: list[RawSheet], empty: list[RawSheet], file_rows: int, sheet: str | None
) -> list[Problem]:
    if not sheets:
        return []  # unreadable: already reported
    name = path.name
    if file_rows == 0:
        if sheet is not None:
            return [Problem("INGEST_EMPTY_SHEET", Severity.ERROR, Location(file=name, sheet=sheet), {"file": name, "sheet": sheet})]
        return [Problem("INGEST_EMPTY_FILE", Severity.ERROR, Location(file=name), {"file": name})]
    return [
        Problem("INGEST_SHEET_SKIPPED", Severity.INFO, Location(file=name, sheet=s.sheet), {"file": name, "sheet": s.sheet})
        for s in empty
    ]
