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

import csv
import difflib
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.microdata.columns import (
    BY_KEY,
    COLUMNS,
    Column,
    ColumnKind,
    column_for_header,
    normalise_header,
)
from planwatch.ingest.microdata.db import Db, DbError, sql_ident, sql_string
from planwatch.os_errors import os_reason

log = logging.getLogger(__name__)

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
        if not path.is_file():  # a folder or a FIFO named .csv: refused, never read (a FIFO would block)
            problems.append(Problem("MICRO_FILE_UNREADABLE", Severity.ERROR, where,
                                    {"file": str(path), "detail": "不是普通文件（是目录或管道）"}))
            continue
        f = InputFile(index=i, path=path, fmt=fmt)
        raw_headers: list[str] = []
        if fmt == "csv":
            try:
                raw_headers, cut = csv_shape(path)
            except OSError as exc:
                problems.append(Problem("MICRO_FILE_UNREADABLE", Severity.ERROR, where,
                                        {"file": str(path), "detail": os_reason(exc)}))
                continue
            if cut is not None:
                problems.append(Problem("MICRO_FILE_TRUNCATED", Severity.ERROR, Location(file=str(path), row=cut[0]),
                                        {"file": str(path), "row": cut[0], "found": cut[1], "expected": len(raw_headers)}))
                continue
        try:
            source = _load(db, f, workdir)
            described = db.columns(f"SELECT * FROM {source}")
        except (DbError, UnicodeError, OSError) as exc:
            log.info("cannot read microdata file %s: %s", path, exc)
            problems.append(Problem("MICRO_FILE_UNREADABLE", Severity.ERROR, where,
                                    {"file": str(path), "detail": _reason(f, exc)}))
            continue
        repeated: list[Problem] = []
        if raw_headers and len(raw_headers) == len(described):
            # DuckDB renames a repeated header (营业收入, 营业收入_1): report the file's own names
            repeated = _repeated_headers(f, raw_headers)
            renamed = {described[i][0] for i, h in enumerate(raw_headers)
                       if h in raw_headers[:i] and h != described[i][0]}
            described = [d for d in described if d[0] not in renamed]
        file_problems = repeated + _map_headers(f, described)
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


def _reason(f: InputFile, exc: Exception) -> str:
    """Why a file cannot be read, in Chinese (DuckDB's own words go to the log, not to the user)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, UnicodeError):
        return "编码无法识别（已尝试 UTF-8 和 GBK/GB18030）"
    if f.fmt == "parquet":
        return "不是有效的 Parquet 文件，或文件已损坏"
    return "不是有效的 CSV 文件（引号不配对、各行列数不一致或含有二进制内容）"


_DELIMITERS = (",", "\t", ";", "|")
_TAIL_BYTES = 1 << 16


def csv_shape(path: Path) -> tuple[list[str], tuple[int, int] | None]:
    """The header as written, and (row, fields) of a last line cut off before its end, if any.

    Only the first line and the last 64 KiB are read: a file copied or downloaded only in part
    ends inside a line (no line break, fewer fields than the header, or an open quote).
    """
    with path.open("rb") as fh:
        head = fh.readline(_TAIL_BYTES)
        size = fh.seek(0, 2)
        fh.seek(max(0, size - _TAIL_BYTES))
        tail = fh.read()
    first = _decode(head).lstrip("\ufeff").rstrip("\r\n")
    delimiter = max(_DELIMITERS, key=first.count)
    headers = next(csv.reader([first], delimiter=delimiter), [])
    if not tail or tail.endswith((b"\n", b"\r")) or size <= len(head):
        return headers, None
    last = _decode(tail.rsplit(b"\n", 1)[-1])
    fields = next(csv.reader([last], delimiter=delimiter), [])
    open_quote = last.count('"') % 2 == 1
    if len(fields) >= len(headers) and not open_quote:
        return headers, None
    with path.open("rb") as fh:
        row = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) + 1
    return headers, (row, len(fields))


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _repeated_headers(f: InputFile, raw_headers: list[str]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for header in raw_headers:
        col = column_for_header(header)
        key = col.key if col is not None else normalise_header(header)
        if key in seen:
            out.append(Problem("MICRO_COLUMN_DUPLICATE", Severity.ERROR, Location(file=f.label, row=1, column=header),
                               {"first": seen[key], "second": header, "column": col.zh if col else header}))
        else:
            seen[key] = header
    return out


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
            if not any(p.code == "MICRO_COLUMN_DUPLICATE" and p.location.column == header for p in problems):
                problems.append(Problem("MICRO_COLUMN_DUPLICATE", Severity.ERROR,
                                        Location(file=f.label, row=1, column=header),
                                        {"first": f.headers[col.key], "second": header, "column": col.zh}))
            continue
        if not type_allowed(col, dtype):
            problems.append(Problem("MICRO_COLUMN_TYPE", Severity.ERROR, Location(file=f.label, row=1, column=header),
                                    {"column": col.zh, "header": header, "type": dtype, "kind": KIND_ZH[col.kind]}))
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


# The stored types each kind of column may have (DuckDB type names, without parameters).
_INTEGERS = frozenset({"INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER",
                       "USMALLINT", "UTINYINT", "UHUGEINT"})
_NUMBERS = _INTEGERS | {"DOUBLE", "FLOAT", "REAL", "DECIMAL"}
_ALLOWED_TYPES: dict[ColumnKind, frozenset[str]] = {
    ColumnKind.NUMBER: _NUMBERS | {"VARCHAR"},
    ColumnKind.FLAG: _INTEGERS | {"VARCHAR", "BOOLEAN"},
    ColumnKind.MONTH: _INTEGERS | {"VARCHAR", "DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S",
                                   "TIMESTAMP WITH TIME ZONE"},
    ColumnKind.ID: _INTEGERS | {"VARCHAR"},
    ColumnKind.TEXT: _INTEGERS | {"VARCHAR"},
    ColumnKind.SCOPE: _INTEGERS | {"VARCHAR"},
}
KIND_ZH = {ColumnKind.NUMBER: "数字", ColumnKind.FLAG: "是否（布尔、0/1 或文字）", ColumnKind.MONTH: "月份或日期",
           ColumnKind.ID: "文字或整数", ColumnKind.TEXT: "文字或整数", ColumnKind.SCOPE: "文字"}


def type_allowed(col: Column, dtype: str) -> bool:
    """Whether a column stored as ``dtype`` can hold this kind of value (a LIST, STRUCT, BLOB … cannot)."""
    base = dtype.upper().split("(", 1)[0].strip()
    if "[" in base:
        return False
    return base in _ALLOWED_TYPES[col.kind]


def _suggest(header: str) -> str:
    if len(header) > 200:  # difflib is quadratic: no header is this long, so nothing is close
        return ""
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
