"""Microdata files that are malformed in the ways real exports are: each class generated, each an error.

Non-finite and oddly written numbers (CSV text and typed Parquet), columns stored with a type that
cannot hold their values, a repeated header, a file cut off inside its last line, and paths that are
not regular files. Every case is a located Chinese error; nothing is aggregated.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from microdata_helpers import enterprise, write_csv

from planwatch.domain.problems import Problem, ProblemsError
from planwatch.ingest.microdata import aggregate_microdata
from planwatch.plan.load import Plan, load_plan


@pytest.fixture(scope="module")
def xiangxi() -> Plan:
    return load_plan()


def problems_of(paths: list[Path], plan: Plan) -> list[Problem]:
    with pytest.raises(ProblemsError) as exc:
        aggregate_microdata(paths, plan)
    return exc.value.problems


def rows(**extra: object) -> list[dict[str, object]]:
    return enterprise("A", "吉首市", "2024-01", "2024-03", 工业总产值=100, 工业增加值=30, 营业收入=100, **extra)


@pytest.mark.parametrize(
    "text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "1e19", "1,5", "12,34", "1_000", "12%", "0x10", "1 000"]
)
def test_csv_numbers_that_are_not_finite_or_not_plain(tmp_path: Path, xiangxi: Plan, text: str) -> None:
    data = rows()
    data[1]["工业总产值"] = text  # row 3
    found = problems_of([write_csv(tmp_path / "m.csv", data)], xiangxi)
    assert [(p.code, p.location.row, p.location.column, p.params["value"]) for p in found] == [
        ("MICRO_NUMBER_INVALID", 3, "工业总产值", text)
    ]


@pytest.mark.parametrize("text", ["nan", "inf", "0", "-1", "1,5"])
def test_csv_deflators_that_are_not_positive_finite(tmp_path: Path, xiangxi: Plan, text: str) -> None:
    data = rows(可比价缩减指数=1.02)
    data[2]["可比价缩减指数"] = text  # row 4
    codes = {(p.code, p.location.row) for p in problems_of([write_csv(tmp_path / "m.csv", data)], xiangxi)}
    assert ("MICRO_DEFLATOR_INVALID", 4) in codes


def test_thousands_separators_and_a_rate_percent_still_read(tmp_path: Path, xiangxi: Plan) -> None:
    # "1,000" is 1000 and the rate "30%" is 30: gross output 1000 × 30% = value added 300 a month
    data = enterprise("A", "吉首市", "2024-01", "2024-03", 工业总产值="1,000", 增加值率="30%", 营业收入="2,000")
    result = aggregate_microdata([write_csv(tmp_path / "m.csv", data)], xiangxi)
    assert result.rows == 3


def _parquet(path: Path, columns: dict[str, pa.Array]) -> Path:
    base = {
        "统一社会信用代码": pa.array(["A", "A"]),
        "县市区": pa.array(["吉首市", "吉首市"]),
        "月份": pa.array(["2024-01", "2024-02"]),
        "工业总产值": pa.array([100.0, 100.0]),
        "工业增加值": pa.array([30.0, 30.0]),
        "营业收入": pa.array([100.0, 100.0]),
    }
    base.update(columns)
    pq.write_table(pa.table(base), path)
    return path


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e300])
def test_parquet_doubles_that_are_not_finite(tmp_path: Path, xiangxi: Plan, bad: float) -> None:
    path = _parquet(tmp_path / "m.parquet", {"工业总产值": pa.array([100.0, bad])})
    found = problems_of([path], xiangxi)
    assert [(p.code, p.location.row, p.location.column) for p in found] == [("MICRO_NUMBER_INVALID", 3, "工业总产值")]


def test_a_nan_deflator_in_parquet(tmp_path: Path, xiangxi: Plan) -> None:
    path = _parquet(tmp_path / "m.parquet", {"可比价缩减指数": pa.array([1.0, math.nan])})
    codes = {(p.code, p.location.row) for p in problems_of([path], xiangxi)}
    assert ("MICRO_DEFLATOR_INVALID", 3) in codes


@pytest.mark.parametrize(
    ("column", "array", "dtype"),
    [
        ("工业总产值", pa.array([[1.0], [2.0]]), "DOUBLE[]"),
        ("工业总产值", pa.array([{"v": 1.0}, {"v": 2.0}]), "STRUCT(v DOUBLE)"),
        ("工业总产值", pa.array([b"1", b"2"]), "BLOB"),
        ("工业总产值", pa.array([dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)]), "TIMESTAMP"),
        ("工业总产值", pa.array([True, False]), "BOOLEAN"),
        ("营业收入", pa.array([dt.date(2024, 1, 1), dt.date(2024, 2, 1)]), "DATE"),
        ("月份", pa.array([True, False]), "BOOLEAN"),
        ("月份", pa.array([[1], [2]]), "BIGINT[]"),
        ("县市区", pa.array([b"x", b"y"]), "BLOB"),
        ("统一社会信用代码", pa.array([1.5, 2.5]), "DOUBLE"),
    ],
)
def test_columns_stored_with_a_type_that_cannot_hold_them(
    tmp_path: Path, xiangxi: Plan, column: str, array: pa.Array, dtype: str
) -> None:
    path = _parquet(tmp_path / "m.parquet", {column: array})
    found = problems_of([path], xiangxi)
    assert [(p.code, p.location.column, p.params["type"]) for p in found] == [("MICRO_COLUMN_TYPE", column, dtype)]
    assert f"列「{column}」" in found[0].message()


def test_a_repeated_header_is_the_duplicate_column_error(tmp_path: Path, xiangxi: Plan) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "统一社会信用代码,县市区,月份,工业总产值,工业增加值,营业收入,营业收入\n"
        "A,吉首市,2024-01,100,30,100,200\n",
        encoding="utf-8",
    )
    found = problems_of([path], xiangxi)
    assert [(p.code, p.location.column) for p in found] == [("MICRO_COLUMN_DUPLICATE", "营业收入")]
    assert found[0].message() == "列「营业收入」和「营业收入」都是「营业收入」，只能保留一列"


@pytest.mark.parametrize(
    ("last", "found_fields"),
    [("A,吉首市,2024-02,100", 4), ("A,吉首市", 2), ('A,吉首市,2024-02,100,30,"1', 6), ("A", 1)],
)
def test_a_file_cut_off_in_its_last_line(tmp_path: Path, xiangxi: Plan, last: str, found_fields: int) -> None:
    path = tmp_path / "cut.csv"
    path.write_text("统一社会信用代码,县市区,月份,工业总产值,工业增加值,营业收入\nA,吉首市,2024-01,100,30,100\n" + last,
                    encoding="utf-8")
    found = problems_of([path], xiangxi)
    assert [(p.code, p.location.row) for p in found] == [("MICRO_FILE_TRUNCATED", 3)]
    assert found[0].params == {"file": str(path), "row": 3, "found": found_fields, "expected": 6}
    assert "可能在复制或下载时被截断" in found[0].message()


def test_a_complete_last_line_without_a_line_break_is_fine(tmp_path: Path, xiangxi: Plan) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("统一社会信用代码,县市区,月份,工业总产值,工业增加值,营业收入\nA,吉首市,2024-01,100,30,100",
                    encoding="utf-8")
    assert aggregate_microdata([path], xiangxi).rows == 1


def test_a_folder_named_csv(tmp_path: Path, xiangxi: Plan) -> None:
    folder = tmp_path / "data.csv"
    folder.mkdir()
    found = problems_of([folder], xiangxi)
    assert [p.code for p in found] == ["MICRO_FILE_UNREADABLE"]
    assert found[0].message() == f"无法读取文件 {folder}：不是普通文件（是目录或管道）"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_csv_is_refused_without_blocking(tmp_path: Path, xiangxi: Plan) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert [p.code for p in problems_of([fifo], xiangxi)] == ["MICRO_FILE_UNREADABLE"]


def test_a_broken_parquet_is_explained_in_chinese(tmp_path: Path, xiangxi: Plan) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    (problem,) = problems_of([path], xiangxi)
    assert problem.message() == f"无法读取文件 {path}：不是有效的 Parquet 文件，或文件已损坏"


@pytest.mark.parametrize(
    ("threads", "memory", "codes"),
    [
        (0, None, ["MICRO_THREADS_INVALID"]),
        (-3, None, ["MICRO_THREADS_INVALID"]),
        (10**6, None, ["MICRO_THREADS_INVALID"]),
        (None, "lots", ["MICRO_MEMORY_LIMIT_INVALID"]),
        (None, "3", ["MICRO_MEMORY_LIMIT_INVALID"]),
        (None, "-1GB", ["MICRO_MEMORY_LIMIT_INVALID"]),
        (None, "1KB", ["MICRO_MEMORY_LIMIT_INVALID"]),  # below 64 MB: DuckDB would fail mid-way
        (None, "3GB; DROP", ["MICRO_MEMORY_LIMIT_INVALID"]),
        (0, "x", ["MICRO_THREADS_INVALID", "MICRO_MEMORY_LIMIT_INVALID"]),
    ],
)
def test_threads_and_memory_limit_are_validated(
    tmp_path: Path, xiangxi: Plan, threads: int | None, memory: str | None, codes: list[str]
) -> None:
    path = write_csv(tmp_path / "m.csv", rows())
    with pytest.raises(ProblemsError) as exc:
        aggregate_microdata([path], xiangxi, threads=threads, memory_limit=memory)
    assert [p.code for p in exc.value.problems] == codes


@pytest.mark.parametrize("memory", ["512MB", "3GB", "1.5 GB", "256MiB", "1tb"])
def test_memory_limits_duckdb_understands(tmp_path: Path, xiangxi: Plan, memory: str) -> None:
    path = write_csv(tmp_path / "m.csv", rows())
    assert aggregate_microdata([path], xiangxi, threads=1, memory_limit=memory).rows == 3
