"""Open microdata files (CSV or Parquet) as one DuckDB relation with the canonical columns.

Each file is mapped by its own headers (Chinese or English, in any order), so files of different
origin can be read together. CSV is read as text and loaded into a temporary table (its ``rowid``
gives the row as a spreadsheet shows it); Parquet is queried where it lies, typed, and never
loaded whole. A CSV that is not UTF-8 is read as GB18030 (which covers GBK and GB2312).

The result, for every file ``f<i>``, is a view ``src_<i>`` with the columns ``_file``, ``_row``
and one column per canonical key (``NULL`` where the file lacks it), values still as written;
``planwatch.ingest.microdata.validate`` checks them and ``records.sql`` parses them.
"""

from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.microdata.columns import (
    BY_KEY,
    COLUMNS,
    Column,
    column_for_header,
    normalise_header,
)
from planwatch.ingest.microdata.db import Db, DbError, sql_ident, sql_string

CSV_SUFFIXES = (".csv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
NUMERIC_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL", "INTEGER", "BIGINT", "SMALLINT", "TINYINT",
                 "HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT")


@dataclass
class InputFile:
    """One input file: how its headers map to the canonical columns, and the view that reads it."""

    index: int
    path: Path
    fmt: str  # "csv" or "parquet"
    headers: dict[str, str] = field(default_factory=dict)  # canonical key → header as written
    types: dict[str, str] = field(default_factory=dict)  # canonical key → DuckDB type of the source
    rows: int = 0
    usable: bool = False  # False when a file-level error prevents reading its rows

    @property
    def view(self) -> str:
        return f"src_{self.index}"

    @property
    def label(self) -> str:
        return str(self.path)

    def has(self, key: str) -> bool:
        return key in self.headers

    def is_text(self, key: str) -> bool:
        return self.types.get(key, "VARCHAR").upper().startswith("VARCHAR")

    def is_numeric(self, key: str) -> bool:
        t = self.types.get(key, "").upper()
        return any(t.startswith(n) for n in NUMERIC_TYPES)


def file_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return None


def open_inputs(db: Db, paths: list[Path], workdir: Path) -> tuple[list[InputFile], list[Problem]]:
    """Map every file's headers and create its ``src_<i>`` view; file-level problems, all at once."""
    problems: list[Problem] = []
    files: list[InputFile] = []
    for i, path in enumerate(paths):
        where = Location(file=str(path))
        if not path.exists():
            problems.append(Problem("MICRO_FILE_NOT_FOUND", Severity.ERROR, where, {"file": str(path)}))
            continue
        fmt = file_format(path)
        if fmt is None:
            problems.append(Problem("MICRO_FILE_FORMAT", Severity.ERROR, where, {"file": str(path)}))
            continue
        f = InputFile(index=i, path=path, fmt=fmt)
        try:
            source = _load(db, f, workdir)
            described = db.columns(f"SELECT * FROM {source}")
        except (DbError, UnicodeError, OSError) as exc:
            problems.append(Problem("MICRO_FILE_UNREADABLE", Severity.ERROR, where,
                                    {"file": str(path), "detail": _short(str(exc))}))
            continue
        file_problems = _map_headers(f, described)
        problems.extend(file_problems)
        files.append(f)
        if any(p.severity is Severity.ERROR for p in file_problems):
            continue
        _create_view(db, f, source)
        f.rows = int(db.one(f"SELECT count(*) FROM {f.view}")[0])
        if f.rows == 0:
            problems.append(Problem("MICRO_EMPTY", Severity.ERROR, where))
            continue
        f.usable = True
    _check_deflator_everywhere(files, problems)
    return files, problems


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else text
    return first[:300]


def _load(db: Db, f: InputFile, workdir: Path) -> str:
    """The SQL source of the file's rows (a temp table for CSV, ``read_parquet`` for Parquet)."""
    if f.fmt == "parquet":
        return f"read_parquet({sql_string(f.path)}, file_row_number=true)"
    path = _utf8_copy(f.path, workdir)
    table = f"csv_{f.index}"
    db.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv({sql_string(path)}, "
        "all_varchar=true, header=true, auto_detect=true, sample_size=-1)"
    )
    return table


def _utf8_copy(path: Path, workdir: Path) -> Path:
    """The file itself when it is UTF-8; otherwise a UTF-8 copy of its GB18030 text."""
    with path.open("rb") as fh:
        raw = fh.read()
    try:
        raw.decode("utf-8")
        return path
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    out = Path(tempfile.mkstemp(suffix=".csv", dir=workdir)[1])
    out.write_text(text, encoding="utf-8")
    return out


def _map_headers(f: InputFile, described: list[tuple[str, str]]) -> list[Problem]:
    problems: list[Problem] = []
    where = Location(file=f.label, row=1)
    for header, dtype in described:
        if header in ("file_row_number",) and f.fmt == "parquet":
            continue
        col = column_for_header(header)
        if col is None:
            hint = _suggest(header)
            problems.append(Problem("MICRO_COLUMN_UNKNOWN", Severity.WARNING,
                                    Location(file=f.label, row=1, column=header),
                                    {"header": header, "hint": hint}))
            continue
        if col.key in f.headers:
            problems.append(Problem("MICRO_COLUMN_DUPLICATE", Severity.ERROR,
                                    Location(file=f.label, row=1, column=header),
                                    {"first": f.headers[col.key], "second": header, "column": col.zh}))
            continue
        f.headers[col.key] = header
        f.types[col.key] = dtype
    for col in COLUMNS:
        if col.required and col.key not in f.headers:
            accepted = "、".join([col.key, *col.aliases[:3]])
            problems.append(Problem("MICRO_COLUMN_MISSING", Severity.ERROR, where,
                                    {"column": col.zh, "accepted": accepted}))
    if "value_added" not in f.headers and "va_rate" not in f.headers:
        problems.append(Problem("MICRO_VA_MISSING", Severity.ERROR, where))
    return problems


def _suggest(header: str) -> str:
    names = {normalise_header(n): c.zh for c in COLUMNS for n in (c.zh, c.key, *c.aliases)}
    close = difflib.get_close_matches(normalise_header(header), list(names), n=1, cutoff=0.6)
    return f"（是否为「{names[close[0]]}」？）" if close else ""


def _check_deflator_everywhere(files: list[InputFile], problems: list[Problem]) -> None:
    with_it = [f for f in files if f.has("deflator")]
    if with_it and len(with_it) != len(files):
        missing = "、".join(f.label for f in files if not f.has("deflator"))
        problems.append(Problem("MICRO_DEFLATOR_PARTIAL", Severity.ERROR, Location(), {"files": missing}))


def _create_view(db: Db, f: InputFile, source: str) -> None:
    row = "file_row_number + 2" if f.fmt == "parquet" else "rowid + 2"
    parts = [f"{sql_string(f.label)} AS _file", f"CAST({row} AS BIGINT) AS _row"]
    for col in COLUMNS:
        parts.append(f"{_raw_expr(f, col)} AS {col.key}")
    db.execute(f"CREATE OR REPLACE TEMP VIEW {f.view} AS SELECT {', '.join(parts)} FROM {source}")


def _raw_expr(f: InputFile, col: Column) -> str:
    """The column as the file has it, numbers as DOUBLE, flags as written.

    CSV text is trimmed (blank → NULL) as it is read into memory anyway; Parquet text is left as it
    is (trimming every row of a large file costs as much as summing it): month and scope names are
    trimmed when their distinct values are resolved, and blanks are caught by validation.
    """
    if col.key not in f.headers:
        return "NULL"
    ident = sql_ident(f.headers[col.key])
    dtype = f.types[col.key].upper()
    if f.is_text(col.key) and f.fmt == "csv":
        return f"NULLIF(trim({ident}), '')"
    if f.is_text(col.key):
        return ident
    if dtype.startswith(("DATE", "TIMESTAMP")):
        return f"strftime({ident}, '%Y-%m')"
    if col.kind.value in ("id", "text", "scope", "month"):
        return f"CAST({ident} AS VARCHAR)"
    if dtype.startswith("DECIMAL") or dtype in ("FLOAT", "REAL"):
        return f"CAST({ident} AS DOUBLE)"
    return ident


def key_column(key: str) -> Column:
    return BY_KEY[key]
