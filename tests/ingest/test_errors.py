"""One broken fixture per error kind: the exact code, location and Chinese message.

Each row: fixture file(s), then (code, severity, file, sheet, row, column, Chinese message) of every
problem the import reports, in order. Nothing is imported when any of them is an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.problems import Problem, ProblemsError
from planwatch.ingest import check_observations, load_observations, read_observations
from planwatch.ingest.rules import load_rules
from planwatch.plan.load import Plan

YOY_12 = (
    "RULE_YOY_CHANGE", "warning", 2, "数值",
    # history 2022 = 120; |12 − 120| / 120 = 90%
    "湘西州2023年规模工业增加值为 12亿元，比上年同期（2022年）的 120亿元 变化 90%，超过 ±50%，请核对单位和口径（规则：与上年同期相比变化不超过 50%）",
)

CASES: list[tuple[str, list[tuple[str, str, int | None, str, str]]]] = [
    ("missing_column.csv", [("INGEST_COLUMN_MISSING", "error", 1, "时期", "缺少必填列「时期」（period）；表头中有：指标、范围、数值")]),
    (
        "unknown_indicator.csv",
        [(
            "INGEST_UNKNOWN_INDICATOR", "error", 2, "指标",
            "规划中没有指标「规模工业增价值」（相近的指标：规模工业增加值、园区规模工业增加值占比、规模工业企业数）",
        )],
    ),
    ("unknown_scope.csv", [("INGEST_UNKNOWN_SCOPE", "error", 2, "范围", "规划中没有范围「泸西县」（相近的范围：泸溪县）")]),
    (
        "bad_period.csv",
        [(
            "INGEST_BAD_PERIOD", "error", 2, "时期",
            "时期「2023年13月」无法识别：请写作 2023、2023Q3、2023-07，或 2023年、2023年第三季度、2023年7月、2023年1-9月",
        )],
    ),
    ("bad_number.csv", [("INGEST_BAD_NUMBER", "error", 2, "数值", "数值「约12」不是数字（缺数请留空或填“—”）")]),
    ("unknown_measure.csv", [("INGEST_UNKNOWN_MEASURE", "error", 2, "口径", "口径「环比」无法识别：可选 当期、累计、同比增长、累计增长")]),
    ("measure_period_mismatch.csv", [("INGEST_MEASURE_PERIOD_MISMATCH", "error", 2, "口径", "口径「1-9月累计」与时期「2023-06」不一致")]),
    (
        "growth_of_percent.csv",
        [(
            "INGEST_GROWTH_OF_PERCENT", "error", 2, "口径",
            "园区规模工业增加值占比的单位是 %，不能填同比增长：比重的变化用百分点表示，请填当期值",
        )],
    ),
    (
        "ytd_of_stock.csv",
        [("INGEST_YTD_OF_STOCK", "error", 2, "口径", "规模工业企业数是期末时点数（单位家），没有「累计」口径：请填期末值（当期）")],
    ),
    ("unknown_unit.csv", [("INGEST_UNKNOWN_UNIT", "error", 2, "单位", "单位「万斤」无法识别")]),
    ("unknown_header_unit.csv", [("INGEST_UNKNOWN_UNIT", "error", 1, "数值（万斤）", "单位「万斤」无法识别"), (*YOY_12[:3], "数值（万斤）", YOY_12[4])]),
    ("unit_mismatch.csv", [("INGEST_UNIT_MISMATCH", "error", 2, "单位", "数值 12 的单位「家」无法换算为规模工业增加值（当期）的单位「亿元」")]),
    ("missing_field.csv", [("INGEST_MISSING_FIELD", "error", 2, "范围", "「范围」不能为空")]),
    (
        "duplicate_key.csv",
        # 规上工业增加值 / 吉首 / 2023年 are an alias, an alias and another spelling of row 2's key
        [("INGEST_DUPLICATE_KEY", "error", 3, "", "吉首市2023年规模工业增加值（当期）在本文件中重复出现（第一次在第 2 行）")],
    ),
    ("duplicate_column.csv", [("INGEST_COLUMN_DUPLICATE", "error", 1, "本期数", "列「本期数」与列「数值」都表示数值，只能保留一列"), YOY_12]),
    ("empty.csv", [("INGEST_EMPTY_FILE", "error", None, "", "文件 empty.csv 没有数据行")]),
    ("header_only.csv", [("INGEST_EMPTY_FILE", "error", None, "", "文件 header_only.csv 没有数据行")]),
    ("empty_sheet.xlsx", [("INGEST_EMPTY_FILE", "error", None, "", "文件 empty_sheet.xlsx 没有数据行")]),
    (
        "bad_encoding.csv",
        [("INGEST_ENCODING", "error", None, "", "文件 bad_encoding.csv 的编码无法识别（已尝试 UTF-8 和 GBK/GB18030）：请另存为 UTF-8 的 CSV")],
    ),
    (
        "unsupported.xls",
        [("INGEST_FILE_TYPE", "error", None, "", "不支持的文件类型「.xls」（unsupported.xls）：请使用 .csv 或 .xlsx（旧版 .xls 请另存为 .xlsx）")],
    ),
    (
        "corrupt.xlsx",
        [("INGEST_NOT_WORKBOOK", "error", None, "", "corrupt.xlsx 不是有效的 Excel 文件（.xlsx），可能是改了扩展名的 CSV 或已损坏：请用 Excel 打开后另存为 .xlsx")],
    ),
]


def shape(p: Problem) -> tuple[str, str, int | None, str, str]:
    return (p.code, p.severity.value, p.location.row, p.location.column, p.message())


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_fixture(plan: Plan, fx: Path, name: str, expected: list[tuple[str, str, int | None, str, str]]) -> None:
    result = check_observations([fx / name], plan)
    assert [shape(p) for p in result.problems] == expected
    assert all(p.location.file == name for p in result.problems)
    with pytest.raises(ProblemsError) as exc:
        load_observations([fx / name], plan)
    assert [shape(p) for p in exc.value.problems] == expected


def test_conflict_across_files(plan: Plan, fx: Path) -> None:
    # the same key (scale_va / jishou / 2023 / level), 12 in one file and 13 in the other
    with pytest.raises(ProblemsError) as exc:
        load_observations([fx / "conflict_a.csv", fx / "conflict_b.csv"], plan)
    (p,) = exc.value.problems
    assert (p.code, p.location.file, p.location.row, p.location.column) == ("INGEST_CONFLICT", "conflict_b.csv", 2, "value")
    assert p.message() == "吉首市2023年规模工业增加值（当期）为 13，与 conflict_a.csv:2 的 12 不一致"
    assert p.message("en") == "规模工业增加值 of 吉首市 in 2023年 (当期) is 13 here but 12 in conflict_a.csv:2"


def test_same_value_in_two_files_is_not_a_conflict(plan: Plan, fx: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.csv"
    copy.write_text("indicator,scope,period,value\nscale_va,jishou,2023,12.0\n", encoding="utf-8")
    table = load_observations([fx / "conflict_a.csv", copy], plan)
    (obs,) = list(table)
    assert (obs.value, obs.origin) == (12.0, "conflict_a.csv:2")


def test_file_not_found(plan: Plan, tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    (p,) = check_observations([missing], plan).problems
    assert (p.code, p.location.file, p.message()) == ("INGEST_FILE_NOT_FOUND", "nope.csv", f"找不到数据文件 {missing}")


def test_excel_cells_are_located(plan: Plan, fx: Path) -> None:
    problems = check_observations([fx / "bad_cells.xlsx"], plan).problems
    assert [(p.code, p.location.file, p.location.sheet, p.location.row, p.location.column) for p in problems] == [
        ("INGEST_BAD_NUMBER", "bad_cells.xlsx", "数据", 2, "数值 / D2"),
        ("INGEST_BAD_PERIOD", "bad_cells.xlsx", "数据", 3, "时期 / C3"),
    ]
    assert str(problems[0].location) == "bad_cells.xlsx:数据:2 [数值 / D2]"


def test_named_sheet_empty_or_absent(plan: Plan, fx: Path) -> None:
    (p,) = check_observations([fx / "empty_sheet.xlsx"], plan, sheet="数据").problems
    assert (p.code, p.location.sheet, p.message()) == ("INGEST_EMPTY_SHEET", "数据", "文件 empty_sheet.xlsx 的工作表「数据」没有数据行")
    (p,) = check_observations([fx / "empty_sheet.xlsx"], plan, sheet="汇总").problems
    assert (p.code, p.message()) == ("INGEST_SHEET_NOT_FOUND", "文件 empty_sheet.xlsx 中没有工作表「汇总」（现有：数据、其他）")


def test_all_problems_of_all_files_at_once(plan: Plan, fx: Path) -> None:
    names = ["bad_number.csv", "unknown_scope.csv", "missing_column.csv", "bad_cells.xlsx"]
    with pytest.raises(ProblemsError) as exc:
        load_observations([fx / n for n in names], plan)
    assert [(p.location.file, p.code) for p in exc.value.problems] == [
        ("bad_number.csv", "INGEST_BAD_NUMBER"),
        ("unknown_scope.csv", "INGEST_UNKNOWN_SCOPE"),
        ("missing_column.csv", "INGEST_COLUMN_MISSING"),
        ("bad_cells.xlsx", "INGEST_BAD_NUMBER"),
        ("bad_cells.xlsx", "INGEST_BAD_PERIOD"),
    ]


def test_every_problem_of_one_row(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "row.csv"
    path.write_text("指标,范围,时期,口径,数值\n不存在,泸西县,2023X,foo,abc\n", encoding="utf-8")
    codes = [p.code for p in check_observations([path], plan).problems]
    assert codes == [
        "INGEST_UNKNOWN_INDICATOR",
        "INGEST_UNKNOWN_SCOPE",
        "INGEST_BAD_PERIOD",
        "INGEST_UNKNOWN_MEASURE",
        "INGEST_BAD_NUMBER",
    ]


def test_english_messages(plan: Plan, fx: Path) -> None:
    (p,) = check_observations([fx / "unknown_scope.csv"], plan).problems
    assert p.message("en") == "The plan has no scope '泸西县' (closest: 泸溪县)"
    assert p.render("en") == "unknown_scope.csv:2 [范围]: error INGEST_UNKNOWN_SCOPE: The plan has no scope '泸西县' (closest: 泸溪县)"
    assert p.render() == "unknown_scope.csv:2 [范围]: 错误 INGEST_UNKNOWN_SCOPE: 规划中没有范围「泸西县」（相近的范围：泸溪县）"


def test_load_observations_renders_in_the_language_asked(plan: Plan, fx: Path) -> None:
    with pytest.raises(ProblemsError) as exc:
        load_observations([fx / "bad_number.csv"], plan, lang="en")
    assert str(exc.value) == "bad_number.csv:2 [数值]: error INGEST_BAD_NUMBER: Value '约12' is not a number (leave it blank or write — when missing)"


def test_members_sum_warns_by_default_and_blocks_when_a_rule_says_error(plan: Plan, fx: Path) -> None:
    # 吉首市 60 + 泸溪县 40 = 100 against 湘西州 101: |100 − 101| / 101 = 0.990% > 0.5%
    message = "湘西州2023年规模工业增加值：下属 2 个单位合计 100亿元，与本级数 101亿元 相差 0.99%，超出允许的 ±0.5%（规则：县市区合计与全州数一致）"
    result = read_observations([fx / "members_sum.csv"], plan)
    assert [shape(p) for p in result.problems] == [("RULE_MEMBERS_SUM", "warning", 4, "数值", message)]
    assert len(result.table) == 3
    strict = [r.model_copy(update={"importance": "error"}) if r.id == "members_sum" else r for r in load_rules()]
    with pytest.raises(ProblemsError) as exc:
        load_observations([fx / "members_sum.csv"], plan, rules=strict)
    assert [shape(p) for p in exc.value.problems] == [("RULE_MEMBERS_SUM", "error", 4, "数值", message)]
