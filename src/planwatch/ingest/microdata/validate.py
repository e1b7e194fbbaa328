"""Row checks of microdata files, in SQL: one counting pass per file, then examples where needed.

Every kind of problem is counted over all rows in one query; for each kind that occurs, the first
``MAX_EXAMPLES`` rows are fetched with their row number and value, and the rest are summed up in
one ``MICRO_MORE`` line. All problems of all files come back together.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.microdata import parse
from planwatch.ingest.microdata.columns import BY_KEY, COLUMNS, FLAG_KEYS, NUMBER_KEYS, ColumnKind
from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.read import InputFile

MAX_EXAMPLES = 20


@dataclass(frozen=True)
class Check:
    code: str
    key: str  # canonical column the problem is in
    condition: str  # SQL over the file's view: true where the row has the problem
    value: str  # SQL for the value shown in the message
    severity: Severity = Severity.ERROR
    extra: tuple[tuple[str, str], ...] = ()  # more message parameters: (name, SQL)


def checks_for(f: InputFile) -> list[Check]:
    out: list[Check] = []
    for col in COLUMNS:
        if col.required and col.kind is not ColumnKind.NUMBER:
            # (a value of spaces only in a Parquet month or county is caught when names are resolved)
            out.append(Check("MICRO_BLANK", col.key, f"({col.key} IS NULL OR CAST({col.key} AS VARCHAR) = '')", "''"))
    for key in NUMBER_KEYS:
        if not f.has(key):
            continue
        col = BY_KEY[key]
        value = parse.number(f, key)
        if col.required:
            out.append(Check("MICRO_BLANK", key, f"{key} IS NULL", "''"))
        out.append(Check("MICRO_NUMBER_INVALID", key, parse.bad_number(f, key), f"CAST({key} AS VARCHAR)"))
        if key == "deflator":
            out.append(Check("MICRO_DEFLATOR_INVALID", key, f"(coalesce({value} <= 0, true) OR {parse.bad_number(f, key)})",
                             f"coalesce(CAST({key} AS VARCHAR), '')"))
        elif key == "va_rate":
            out.append(Check("MICRO_RATE_RANGE", key, f"({value} < 0 OR {value} > 100)", value))
        elif col.nonnegative:
            out.append(Check("MICRO_NEGATIVE", key, f"{value} < 0", value))
    if f.has("value_added") or f.has("va_rate"):
        va, rate = parse.number(f, "value_added"), parse.number(f, "va_rate")
        out.append(Check("MICRO_VALUE_MISSING", "value_added" if f.has("value_added") else "va_rate",
                         f"({va} IS NULL AND {rate} IS NULL)", "''"))
    if f.has("value_added"):
        va, output = parse.number(f, "value_added"), parse.number(f, "output")
        out.append(Check("MICRO_VA_GT_OUTPUT", "value_added", f"{va} > {output} + 1e-9", va,
                         Severity.WARNING, (("va", va), ("output", output))))
    for key in FLAG_KEYS:
        if f.has(key):
            out.append(Check("MICRO_FLAG_INVALID", key, parse.bad_flag(f, key), f"CAST({key} AS VARCHAR)"))
    return [c for c in out if c.condition != "false"]


def check_rows(db: Db, files: list[InputFile]) -> list[Problem]:
    problems: list[Problem] = []
    for f in files:
        if not f.usable:
            continue
        checks = checks_for(f)
        if not checks:
            continue
        counts = db.one(
            "SELECT " + ", ".join(f"count(*) FILTER (WHERE {c.condition})" for c in checks) + f" FROM {f.view}"
        )
        for check, count in zip(checks, counts, strict=True):
            if not count:
                continue
            problems.extend(_examples(db, f, check, int(count)))
    return problems


def _examples(db: Db, f: InputFile, check: Check, count: int) -> list[Problem]:
    extra_sql = "".join(f", {sql}" for _, sql in check.extra)
    rows = db.rows(
        f"SELECT _row, {check.value}{extra_sql} FROM {f.view} WHERE {check.condition} "
        f"ORDER BY _row LIMIT {MAX_EXAMPLES}"
    )
    col = BY_KEY[check.key]
    header = f.headers.get(check.key, col.zh)
    out: list[Problem] = []
    for row in rows:
        params: dict[str, object] = {"column": col.zh, "value": _show(row[1])}
        for (name, _), v in zip(check.extra, row[2:], strict=True):
            params[name] = _show(v)
        out.append(Problem(check.code, check.severity, Location(file=f.label, row=int(row[0]), column=header), params))
    if count > len(rows):
        out.append(Problem("MICRO_MORE", check.severity, Location(file=f.label, column=header),
                           {"count": count - len(rows), "code": check.code}))
    return out


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return str(value)
