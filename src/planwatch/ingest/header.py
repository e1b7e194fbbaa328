"""Find the header row of a sheet and map its columns to fields.

Chinese spreadsheets often carry a title row or two above the header ("湘西州2023年工业主要指标"),
so the header is the first of the top rows that names at least two known fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Problem
from planwatch.ingest.columns import REQUIRED, Field, match_header
from planwatch.ingest.readers import RawRow, RawSheet, column_letter
from planwatch.ingest.units import is_known_unit, normalise_unit

HEADER_SCAN_ROWS = 10


@dataclass(slots=True)
class ColumnMap:
    header_row: int  # spreadsheet row number of the header
    columns: dict[Field, int] = field(default_factory=dict)  # field → 0-based column index
    headers: dict[int, str] = field(default_factory=dict)  # column index → header as written
    value_unit: str = ""  # unit in the value header ("数值（万元）"), if known

    def has_all_required(self) -> bool:
        return all(f in self.columns for f in REQUIRED)


def as_written(value: object) -> str:
    """A header cell as the user wrote it (only line breaks and repeated spaces folded)."""
    return " ".join(str(value).split()) if value is not None else ""


def column_label(sheet: RawSheet, cmap: ColumnMap, index: int, row: int | None) -> str:
    """How a problem names a column: the header as written, and for Excel also the cell (数值 / C12)."""
    header = cmap.headers.get(index, "")
    if sheet.excel and row is not None:
        return f"{header} / {column_letter(index)}{row}" if header else f"{column_letter(index)}{row}"
    return header or column_letter(index)


def _fields_in(row: RawRow) -> set[Field]:
    found: set[Field] = set()
    for cell in row.cells:
        if isinstance(cell.value, str):
            m = match_header(cell.value)
            if m.field is not None:
                found.add(m.field)
    return found


def find_header(sheet: RawSheet) -> RawRow | None:
    """The header row, or None when the sheet has no non-blank row."""
    candidates = [r for r in sheet.rows if not r.is_blank()][:HEADER_SCAN_ROWS]
    if not candidates:
        return None
    for row in candidates:
        if len(_fields_in(row)) >= 2:
            return row
    return candidates[0]


def map_columns(
    sheet: RawSheet, header: RawRow, plan_units: frozenset[str] = frozenset()
) -> tuple[ColumnMap, list[Problem]]:
    """Map the header's columns to fields; problems for missing, repeated and unknown columns.

    ``plan_units`` are the plan's own unit spellings (G, 分 …), accepted in a value header too.
    """
    cmap = ColumnMap(header_row=header.number)
    problems: list[Problem] = []
    for index, cell in enumerate(header.cells):
        written = as_written(cell.value)
        if not written:
            continue
        cmap.headers[index] = written
        m = match_header(written)
        if m.field is None:
            if not m.ignored:
                problems.append(
                    Problem(
                        "INGEST_COLUMN_IGNORED",
                        Severity.INFO,
                        sheet.location(header.number, column_label(sheet, cmap, index, header.number)),
                        {"column": written},
                    )
                )
            continue
        if m.field in cmap.columns:
            first = cmap.headers[cmap.columns[m.field]]
            problems.append(
                Problem(
                    "INGEST_COLUMN_DUPLICATE",
                    Severity.ERROR,
                    sheet.location(header.number, column_label(sheet, cmap, index, header.number)),
                    {"column": written, "first": first, "field": m.field.label_zh},
                )
            )
            continue
        cmap.columns[m.field] = index
        if m.field is Field.VALUE and m.unit:
            if is_known_unit(m.unit) or normalise_unit(m.unit) in plan_units:
                cmap.value_unit = m.unit
            else:
                problems.append(
                    Problem(
                        "INGEST_UNKNOWN_UNIT",
                        Severity.ERROR,
                        sheet.location(header.number, column_label(sheet, cmap, index, header.number)),
                        {"unit": m.unit},
                    )
                )
    for f in REQUIRED:
        if f not in cmap.columns:
            problems.append(
                Problem(
                    "INGEST_COLUMN_MISSING",
                    Severity.ERROR,
                    sheet.location(header.number, f.label_zh),
                    {"column": f.label_zh, "name": f.value, "found": "、".join(cmap.headers.values()) or "—"},
                )
            )
    return cmap, problems
