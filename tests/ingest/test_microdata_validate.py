"""Bad microdata: every problem at once, located (file, row, column), in Chinese; nothing computed."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from microdata_helpers import enterprise, value, write_csv

from planwatch.domain.enums import Measure, Severity
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


def good(eid: str = "A", county: str = "吉首市", **extra: object) -> list[dict[str, object]]:
    return enterprise(eid, county, "2024-01", "2024-03", 工业总产值=100, 工业增加值=30, 营业收入=100, **extra)


def test_every_row_problem_is_reported_with_its_place(tmp_path: Path, xiangxi: Plan) -> None:
    rows = good()
    rows[0]["月份"] = "2024-13"  # row 2
    rows[1]["工业总产值"] = "一百"  # row 3
    rows[2]["营业收入"] = -5  # row 4
    rows += good("B", "吉首县")  # rows 5–7: no such county
    rows += good("C", "泸溪县", 园区="吉首经开区")  # rows 8–10: that park is in 吉首市
    rows += good("D", 高新技术="也许")  # rows 11–13
    rows += good("E", 产业链="芯片")  # rows 14–16
    path = write_csv(tmp_path / "bad.csv", rows)
    found = {(p.code, p.location.row, p.location.column) for p in problems_of([path], xiangxi)}
    assert ("MICRO_MONTH_INVALID", 2, "月份") in found
    assert ("MICRO_NUMBER_INVALID", 3, "工业总产值") in found
    assert ("MICRO_NEGATIVE", 4, "营业收入") in found
    assert ("MICRO_SCOPE_UNKNOWN", 5, "县市区") in found
    assert ("MICRO_PARK_COUNTY", 8, "园区") in found
    assert ("MICRO_FLAG_INVALID", 11, "高新技术") in found
    assert ("MICRO_SCOPE_UNKNOWN", 14, "产业链") in found


def test_messages_are_chinese_with_hints_and_english_on_request(tmp_path: Path, xiangxi: Plan) -> None:
    path = write_csv(tmp_path / "county.csv", good("B", "吉首县"))
    (problem,) = [p for p in problems_of([path], xiangxi) if p.code == "MICRO_SCOPE_UNKNOWN"]
    assert problem.message() == "「县市区」的值「吉首县」不是规划中的县市区（是否为：吉首市？）"
    assert "is not a 县市区 of the plan" in problem.message("en")
    assert problem.render().startswith(f"{path}:2 [县市区]: 错误 MICRO_SCOPE_UNKNOWN")


def test_file_level_problems_of_several_files_together(tmp_path: Path, xiangxi: Plan) -> None:
    no_revenue = write_csv(tmp_path / "a.csv", [{k: v for k, v in r.items() if k != "营业收入"} for r in good()])
    other = tmp_path / "b.xlsx"
    other.write_bytes(b"x")
    missing = tmp_path / "none.csv"
    codes = {p.code for p in problems_of([no_revenue, other, missing], xiangxi)}
    assert {"MICRO_COLUMN_MISSING", "MICRO_FILE_FORMAT", "MICRO_FILE_NOT_FOUND"} <= codes


def test_duplicates_are_found_along_with_other_errors(tmp_path: Path, xiangxi: Plan) -> None:
    rows = good() + good()[:1]  # A, 2024-01 twice (rows 2 and 5)
    rows[1]["工业总产值"] = "x"
    problems = problems_of([write_csv(tmp_path / "dup.csv", rows)], xiangxi)
    dup = [p for p in problems if p.code == "MICRO_DUPLICATE"]
    assert len(dup) == 1 and dup[0].params == {"enterprise": "A", "month": "2024-01", "count": 2}
    assert any(p.code == "MICRO_NUMBER_INVALID" for p in problems)


def test_duplicates_across_files_when_all_else_is_valid(tmp_path: Path, xiangxi: Plan) -> None:
    a = write_csv(tmp_path / "a.csv", good())
    b = write_csv(tmp_path / "b.csv", good()[2:])  # A 2024-03 again, written as another file
    (dup,) = problems_of([a, b], xiangxi)
    assert dup.code == "MICRO_DUPLICATE" and dup.params["month"] == "2024-03"


def test_many_bad_rows_are_summarised(tmp_path: Path, xiangxi: Plan) -> None:
    rows = enterprise("A", "吉首市", "2022-01", "2024-12", 工业总产值=-1, 工业增加值=0, 营业收入=1)  # 36 rows
    problems = problems_of([write_csv(tmp_path / "neg.csv", rows)], xiangxi)
    assert sum(p.code == "MICRO_NEGATIVE" for p in problems) == 20
    (more,) = [p for p in problems if p.code == "MICRO_MORE" and p.params["code"] == "MICRO_NEGATIVE"]
    assert more.params == {"count": 16, "code": "MICRO_NEGATIVE"}


def test_deflator_on_some_files_only_is_an_error(tmp_path: Path, xiangxi: Plan) -> None:
    a = write_csv(tmp_path / "a.csv", good(可比价缩减指数=101))
    b = write_csv(tmp_path / "b.csv", good("B"))
    assert "MICRO_DEFLATOR_PARTIAL" in {p.code for p in problems_of([a, b], xiangxi)}


def test_unknown_column_is_a_warning_not_an_error(tmp_path: Path, xiangxi: Plan) -> None:
    result = aggregate_microdata([write_csv(tmp_path / "w.csv", good(研发费=3))], xiangxi)
    (warning,) = [p for p in result.warnings if p.code == "MICRO_COLUMN_UNKNOWN"]
    assert warning.severity is Severity.WARNING and "研发费用" in warning.message()


def test_parquet_english_headers_and_gbk_csv_read_the_same(tmp_path: Path, xiangxi: Plan) -> None:
    rows = good() + good("B", "泸溪县", 园区="泸溪高新区")
    csv_result = aggregate_microdata([write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")], xiangxi)
    english = {"统一社会信用代码": "enterprise_id", "企业名称": "name", "县市区": "county", "园区": "park",
               "产业链": "chain", "月份": "month", "工业总产值": "output", "工业增加值": "value_added",
               "营业收入": "revenue"}
    table = pa.table({english[k]: [r[k] for r in rows] for k in english})
    pq.write_table(table, tmp_path / "en.parquet")
    pq_result = aggregate_microdata([tmp_path / "en.parquet"], xiangxi)
    assert sorted(map(str, csv_result.observations)) == sorted(map(str, pq_result.observations))
    # 1—3月: (100 + 100) × 3 = 600 万元
    assert value(pq_result.observations, "industrial_output", "xiangxi", "2024-03", Measure.YTD) == pytest.approx(0.06)
