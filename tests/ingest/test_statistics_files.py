"""Statistics files at the edges: used cells only, formulas without results, hidden sheets, long cells,
paths that are not files, and CSV the csv module refuses. Each a value or a located Chinese error."""

from __future__ import annotations

import os
import resource
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planwatch.ingest import check_observations
from planwatch.ingest.readers import read_file
from planwatch.plan.load import Plan

ROWS = [["指标", "范围", "时期", "数值"], ["规模工业增加值", "吉首市", "2023", 12.5], ["规模工业增加值", "泸溪县", "2023", 7.5]]


def _workbook(path: Path, extra: list[tuple[str, object]] = ()) -> Path:  # type: ignore[assignment]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for row in ROWS:
        ws.append(row)
    for coordinate, value in extra:
        ws[coordinate] = value
    wb.save(path)
    return path


@pytest.mark.parametrize("corner", ["A1048576", "XFD1048576", "XFD1"])
def test_a_stray_character_at_the_edge_of_the_sheet_costs_one_cell(tmp_path: Path, plan: Plan, corner: str) -> None:
    path = _workbook(tmp_path / "stray.xlsx", [(corner, "x")])
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (sheet,) = read_file(path).sheets
    elapsed = time.perf_counter() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    # the three rows and the stray cell's row; never a million blank rows
    assert [r.number for r in sheet.rows] == sorted({1, 2, 3, int(corner.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))})
    assert elapsed < 2.0 and grown_kb < 100_000
    result = check_observations([path], plan)
    assert sorted(o.value for o in result.table) == [7.5, 12.5]


def test_a_formula_without_a_computed_value_is_an_error_naming_the_cell(tmp_path: Path, plan: Plan) -> None:
    # openpyxl writes the formula and no cached result, as any program that never ran Excel does
    path = _workbook(tmp_path / "formula.xlsx", [("D3", "=D2*2")])
    result = check_observations([path], plan)
    assert [(p.code, p.location.sheet, p.location.row, p.params["cell"]) for p in result.errors] == [
        ("INGEST_FORMULA_NO_VALUE", "数据", 3, "D3")
    ]
    assert "单元格 D3 是公式但没有计算结果" in result.errors[0].message()


def test_a_formula_with_its_stored_result_reads_the_result(tmp_path: Path, plan: Plan) -> None:
    path = _workbook(tmp_path / "cached.xlsx", [("D3", "=D2*2")])
    # put a cached value <v>25</v> next to the formula, as Excel saves it: 12.5 × 2 = 25
    sheet_xml = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[sheet_xml] = parts[sheet_xml].replace(b"<f>D2*2</f><v></v>", b"<f>D2*2</f><v>25</v>").replace(
        b"<f>D2*2</f></c>", b"<f>D2*2</f><v>25</v></c>")
    assert b"<v>25</v>" in parts[sheet_xml]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    result = check_observations([path], plan)
    assert result.ok
    assert sorted(o.value for o in result.table) == [12.5, 25.0]


def test_a_hidden_sheet_is_read_with_a_note(tmp_path: Path, plan: Plan) -> None:
    path = _workbook(tmp_path / "hidden.xlsx")
    wb = openpyxl.load_workbook(path)
    hidden = wb.create_sheet("隐藏")
    for row in [ROWS[0], ["规模工业增加值", "吉首市", "2024", 3]]:
        hidden.append(row)
    hidden.sheet_state = "hidden"
    wb.save(path)
    result = check_observations([path], plan)
    notes = [(p.code, p.location.sheet) for p in result.problems if p.code == "INGEST_SHEET_HIDDEN"]
    assert notes == [("INGEST_SHEET_HIDDEN", "隐藏")]
    assert len(result.table) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_folder_with_a_data_suffix(tmp_path: Path, plan: Plan, suffix: str) -> None:
    folder = tmp_path / f"data{suffix}"
    folder.mkdir()
    (p,) = check_observations([folder], plan).errors
    assert (p.code, p.message()) == ("INGEST_FILE_UNREADABLE", f"无法读取文件 data{suffix}：不是普通文件（是目录或管道）")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_csv_does_not_block(tmp_path: Path, plan: Plan) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert [p.code for p in check_observations([fifo], plan).errors] == ["INGEST_FILE_UNREADABLE"]


def test_a_cell_over_the_csv_field_limit_is_explained(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("指标,范围,时期,数值\n规模工业增加值,吉首市,2023,1\n\"" + "x" * 200_000 + "\",吉首市,2023,1\n", encoding="utf-8")
    (p,) = check_observations([path], plan).errors
    assert (p.code, p.location.row) == ("INGEST_CSV_MALFORMED", 3)
    assert "field larger" not in p.message()


@pytest.mark.parametrize("column", [0, 1, 2, 3])
@pytest.mark.parametrize("text", ["(" * 100_000, "（" * 100_000, "2023" + " " * 100_000 + "x", "a(" * 50_000])
def test_long_cells_and_headers_are_answered_quickly(tmp_path: Path, plan: Plan, column: int, text: str) -> None:
    # a header or a cell of 100 KB built to make backtracking patterns quadratic (was 66 s for 80,000 "(")
    header = ["指标", "范围", "时期", "数值"]
    row = ["规模工业增加值", "吉首市", "2023", "1"]
    for i, cells in enumerate((header, row)):
        bad = list(cells)
        bad[column] = text
        lines = [bad, row] if i == 0 else [header, bad]
        path = tmp_path / f"long{i}.csv"
        path.write_text("\n".join(",".join(f'"{c}"' for c in line) for line in lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        result = check_observations([path], plan)
        assert time.perf_counter() - started < 1.0
        assert not result.ok
