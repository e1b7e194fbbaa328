"""The register reader: every problem at once, located, in Chinese; scopes through the plan."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from planwatch.domain.enums import Severity
from planwatch.enterprises.read import read_register
from planwatch.enterprises.record import EnterpriseFlag, ListingBoard, ScaleEventKind
from planwatch.plan.load import Plan, load_plan

# Valid codes (GB 32100 check characters worked in test_uscc.py's way), areas 433101 吉首, 433122 泸溪, 433124 花垣
JISHOU_A = "91433101MA4L7Q2R6E"
LUXI_A = "91433122MA4L8B3KXC"
HUAYUAN_A = "91433124MA4L9C4M06"
JISHOU_B = "91433101MA4LAD5N3T"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(None)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_file_in_chinese_headers(tmp_path: Path, plan: Plan) -> None:
    f = write(tmp_path / "r.csv",
              "统一社会信用代码,企业名称,县市区,园区,产业链,行业代码,入规年月,退规年月,高新技术企业,链主,上市挂牌,"
              "2023年营业收入,营业收入2024\n"
              f"{JISHOU_A},甲公司,吉首市,吉首经开区,电子信息,C39,2019-06；2024-01,2021-01,是,否,新三板,\"1,850\",2600\n"
              f"{LUXI_A},乙公司,泸溪,,新能源、铝基复合材料,C38,,,否,是,,900,\n")
    result = read_register([f], plan)
    assert not result.has_errors, [p.render() for p in result.problems]
    a, b = result.enterprises
    assert (a.county, a.park, a.chains) == ("jishou", "jishou_edz", (plan.find_scope("电子信息").id,))
    assert [e.kind for e in a.scale_events] == [ScaleEventKind.ENTER, ScaleEventKind.EXIT, ScaleEventKind.ENTER]
    assert a.is_scale(2020) and not a.is_scale(2022) and a.is_scale(2024)
    assert a.entered_in(2024) and not a.entered_in(2021)
    assert a.revenue == {2023: 1850.0, 2024: 2600.0}
    assert a.flags == frozenset({EnterpriseFlag.HITECH}) and a.listing is ListingBoard.NEEQ
    assert b.county == "luxi" and len(b.chains) == 2 and b.has(EnterpriseFlag.CHAIN_LEADER)
    assert str(a.industry) == "C39"
    assert result.rows[LUXI_A].row == 3


def test_english_headers(tmp_path: Path, plan: Plan) -> None:
    f = write(tmp_path / "r.csv", f"uscc,name,county,revenue_2023\n{HUAYUAN_A},丙公司,huayuan,1200\n")
    result = read_register([f], plan)
    assert not result.has_errors
    assert result.enterprises[0].revenue == {2023: 1200.0}


def test_every_problem_at_once_located(tmp_path: Path, plan: Plan) -> None:
    f = write(tmp_path / "bad.csv",
              "统一社会信用代码,企业名称,县市区,行业代码,入规年月,高新技术企业,2023年营业收入\n"
              "91350100M000100Y4Y,甲,吉首市,C39,2019-06,是,100\n"  # check character should be 3
              f"{JISHOU_A},乙,吉首县,Z99,2019-13,也许,-5\n"  # five problems in one row
              f"{JISHOU_A},丙,吉首市,,,,\n")  # the same code again
    result = read_register([f], plan)
    codes = [(p.code, p.location.row, p.location.column) for p in result.problems if p.severity is Severity.ERROR]
    assert ("USCC_CHECK", 2, "统一社会信用代码") in codes
    assert ("REG_SCOPE_UNKNOWN", 3, "县市区") in codes
    assert ("REG_INDUSTRY", 3, "行业代码") in codes
    assert ("REG_MONTH", 3, "入规年月") in codes
    assert ("REG_FLAG", 3, "高新技术企业") in codes
    assert ("REG_NEGATIVE", 3, "2023年营业收入") in codes
    assert result.enterprises == []  # nothing on error
    unknown = next(p for p in result.problems if p.code == "REG_SCOPE_UNKNOWN")
    assert "吉首市" in unknown.message()  # the suggestion
    assert unknown.location.file == "bad.csv"


def test_duplicate_code_is_an_error_same_name_a_warning(tmp_path: Path, plan: Plan) -> None:
    f = write(tmp_path / "d.csv", "统一社会信用代码,企业名称,县市区\n"
              f"{JISHOU_A},甲公司,吉首市\n{JISHOU_B},甲 公司,吉首市\n{JISHOU_A},丁公司,吉首市\n")
    result = read_register([f], plan)
    dup = {p.code: p for p in result.problems}
    assert dup["REG_DUPLICATE_CODE"].severity is Severity.ERROR and dup["REG_DUPLICATE_CODE"].location.row == 4
    assert "第 2 行" in dup["REG_DUPLICATE_CODE"].message()
    assert dup["REG_DUPLICATE_NAME"].severity is Severity.WARNING and dup["REG_DUPLICATE_NAME"].location.row == 3


def test_area_code_of_another_county_is_a_warning(tmp_path: Path, plan: Plan) -> None:
    # 泸溪's code (433122) on an enterprise said to be in 吉首市 (433101)
    f = write(tmp_path / "a.csv", f"统一社会信用代码,企业名称,县市区\n{LUXI_A},乙公司,吉首市\n")
    result = read_register([f], plan)
    assert [(p.code, p.severity) for p in result.problems] == [("REG_AREA_MISMATCH", Severity.WARNING)]
    assert len(result.enterprises) == 1


def test_missing_required_column(tmp_path: Path, plan: Plan) -> None:
    f = write(tmp_path / "m.csv", "企业名称,县市区\n甲,吉首市\n")
    result = read_register([f], plan)
    assert [p.code for p in result.problems] == ["REG_COLUMN_MISSING"]
    assert "统一社会信用代码" in result.problems[0].message()


def test_xlsx_cells_named_with_their_letter(tmp_path: Path, plan: Plan) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名录"
    ws.append(["统一社会信用代码", "企业名称", "县市区", "退规年月"])
    ws.append([JISHOU_A, "甲", "吉首市", "2020-01"])  # 退规 with no 入规 before it
    ws.append(["123", "乙", "吉首市", None])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    result = read_register([path], plan)
    found = {(p.code, p.location.sheet, p.location.row, p.location.column) for p in result.problems}
    assert ("USCC_LENGTH", "名录", 3, "统一社会信用代码 / A3") in found
    assert ("REG_SCALE_ORDER", "名录", 2, "") in found
