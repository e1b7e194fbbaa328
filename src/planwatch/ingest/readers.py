"""Read CSV and XLSX files into sheets of raw cells, each cell knowing where it is.

CSV is decoded as UTF-8 (with or without BOM), then GB18030 (a superset of GBK, which Chinese
Excel writes); no guessing library is needed. XLSX is read with openpyxl (values, not formulas),
every sheet or a named one. Nothing is interpreted here; ``normalise`` does that.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.xlsx_archive import check_archive
from planwatch.os_errors import os_reason

log = logging.getLogger(__name__)

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True, slots=True)
class Cell:
    value: Any  # str for CSV; str, int, float, datetime or None for XLSX
    number_format: str = ""  # XLSX only ("0.0%" marks a percent cell)


@dataclass(slots=True)
class RawRow:
    number: int  # 1-based, as a spreadsheet shows it
    cells: list[Cell]

    def is_blank(self) -> bool:
        return all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in self.cells)


@dataclass(slots=True)
class RawSheet:
    file: str  # the file name as shown in messages
    sheet: str  # "" for CSV
    excel: bool
    rows: list[RawRow] = field(default_factory=list)
    encoding: str = ""

    def location(self, row: int | None = None, column: str = "") -> Location:
        return Location(file=self.file, sheet=self.sheet, row=row, column=column)


@dataclass(slots=True)
class ReadResult:
    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_file(path: Path, sheet: str | None = None) -> ReadResult:
    """Every sheet of one file (or the one named ``sheet``); problems for what cannot be read."""
    name = path.name
    where = Location(file=name)
    if not path.exists():
        return ReadResult(problems=[Problem("INGEST_FILE_NOT_FOUND", Severity.ERROR, where, {"file": str(path)})])
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES and suffix not in XLSX_SUFFIXES:
        return ReadResult(
            problems=[Problem("INGEST_FILE_TYPE", Severity.ERROR, where, {"file": name, "suffix": suffix or "（无）"})]
        )
    if not path.is_file():  # a folder or a FIFO named .csv: refused, never read (a FIFO would block)
        return _unreadable(name, "不是普通文件（是目录或管道）")
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
    return _read_xlsx(path, sheet)


def _read_csv(path: Path) -> ReadResult:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(name, os_reason(exc))
    text = None
    used = ""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            used = encoding
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        return ReadResult(problems=[Problem("INGEST_ENCODING", Severity.ERROR, Location(file=name), {"file": name})])
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if path.suffix.lower() == ".tsv" or ("\t" in first and "," not in first) else ","
    if delimiter == "," and first.count(";") > first.count(",") and first.count(";") >= 3:
        delimiter = ";"
    sheet = RawSheet(file=name, sheet="", excel=False, encoding=used)
    number = 0
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            if any(v.strip() for v in record):  # blank lines are not kept (nothing reads them)
                sheet.rows.append(RawRow(number, [Cell(v) for v in record]))
    except csv.Error as exc:
        log.info("csv cannot read %s after line %d: %s", path, number, exc)
        return ReadResult(problems=[Problem("INGEST_CSV_MALFORMED", Severity.ERROR, Location(file=name, row=number + 1),
                                            {"file": name, "row": number + 1})])
    return ReadResult(sheets=[sheet])


def _unreadable(name: str, detail: str) -> ReadResult:
    return ReadResult(
        problems=[Problem("INGEST_FILE_UNREADABLE", Severity.ERROR, Location(file=name), {"file": name, "detail": detail})]
    )


def _read_xlsx(path: Path, sheet_name: str | None) -> ReadResult:
    """The used cells of every sheet, streamed (read-only mode): a stray character in row 1,048,576 costs
    one cell, not a million rows. A formula without a stored result is an error naming its cell (the
    file was written by a program and never calculated); a hidden sheet is read, with a note."""
    import openpyxl

    name = path.name
    unsafe = check_archive(path)
    if unsafe is not None:
        return ReadResult(problems=[unsafe])
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException … all mean "not a workbook"
        log.info("openpyxl cannot open %s: %s: %s", path, type(exc).__name__, exc)
        return ReadResult(problems=[Problem("INGEST_NOT_WORKBOOK", Severity.ERROR, Location(file=name), {"file": name})])
    try:
        if sheet_name is not None and sheet_name not in wb.sheetnames:
            return ReadResult(
                problems=[
                    Problem(
                        "INGEST_SHEET_NOT_FOUND",
                        Severity.ERROR,
                        Location(file=name, sheet=sheet_name),
                        {"file": name, "sheet": sheet_name, "sheets": "、".join(wb.sheetnames)},
                    )
                ]
            )
        result = ReadResult()
        for ws in wb.worksheets:
            if sheet_name is not None and ws.title != sheet_name:
                continue
            try:
                raw, problems = _read_sheet(wb, ws, name)
            except Exception as exc:  # a damaged sheet part (bad XML, a missing shared string)
                log.info("openpyxl cannot read sheet %s of %s: %s: %s", ws.title, path, type(exc).__name__, exc)
                result.problems.append(Problem("INGEST_SHEET_UNREADABLE", Severity.ERROR,
                                               Location(file=name, sheet=ws.title), {"file": name, "sheet": ws.title}))
                continue
            result.sheets.append(raw)
            result.problems.extend(problems)
        return result
    finally:
        wb.close()


def _read_sheet(wb: Any, ws: Any, name: str) -> tuple[RawSheet, list[Problem]]:
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class _Parser(WorkSheetParser):  # type: ignore[misc]
        """openpyxl's own streaming parser, also saying which cells hold a formula without a result."""

        def parse_cell(self, element: Any) -> Any:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["formula"] = True
            return cell

    raw = RawSheet(file=name, sheet=ws.title, excel=True)
    problems: list[Problem] = []
    if ws.sheet_state != "visible":
        problems.append(Problem("INGEST_SHEET_HIDDEN", Severity.INFO, Location(file=name, sheet=ws.title),
                                {"sheet": ws.title}))
    with ws._get_source() as src:
        parser = _Parser(src, wb.shared_strings, data_only=True, epoch=wb.epoch,
                         date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, parsed in parser.parse():
            used = [c for c in parsed if c["value"] is not None]
            for c in parsed:
                if c.get("formula"):
                    problems.append(Problem("INGEST_FORMULA_NO_VALUE", Severity.ERROR,
                                            Location(file=name, sheet=ws.title, row=number,
                                                     column=f"{column_letter(c['column'] - 1)}{number}"),
                                            {"cell": f"{column_letter(c['column'] - 1)}{number}", "sheet": ws.title}))
            if not used:
                continue
            cells = [Cell(None)] * max(c["column"] for c in used)
            for c in used:
                fmt = ReadOnlyCell(ws, number, c["column"], c["value"], c["data_type"], c["style_id"]).number_format
                cells[c["column"] - 1] = Cell(c["value"], fmt or "")
            raw.rows.append(RawRow(number, cells))
    return raw, problems
