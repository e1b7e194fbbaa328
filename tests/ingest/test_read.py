"""Reading good files: encodings, Excel cells, header variants, periods, measures, units, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.enums import Measure, Severity
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.ingest import check_observations, load_observations, read_observations
from planwatch.plan.load import Plan

Row = tuple[str, str, str, str, float]


def rows(table: ObservationTable) -> list[Row]:
    return [(o.indicator, o.scope, str(o.period), o.measure.value, o.value) for o in table]


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_excel_with_title_row_header_unit_percent_cell_and_date(plan: Plan, fx: Path) -> None:
    result = read_observations([fx / "good.xlsx"], plan)
    assert rows(result.table) == [
        ("park_share", "xiangxi", "2023", "level", 65.5),  # 0.655 in a "0.0%" cell → 65.5 %
        ("scale_va", "jishou", "2023", "level", 60.0),  # 600000 万元 / 10000 = 60 亿元
        ("scale_va", "luxi", "2023", "level", 40.0),  # 400000 万元 / 10000 = 40 亿元
        ("scale_va", "xiangxi", "2023-07", "growth", 6.5),  # a date cell is its month; growth stays in %
    ]
    assert result.rows_read == 4
    obs = result.table.get("scale_va", "jishou", Period.parse("2023"))
    assert obs is not None and (obs.source, obs.origin) == ("州统计局", "good.xlsx:Sheet1:4")
    share = result.table.get("park_share", "xiangxi", Period.parse("2023"))
    assert share is not None and (share.source, share.origin) == ("good.xlsx", "good.xlsx:Sheet1:6")
    (info,) = result.problems
    assert (info.code, info.severity, info.location.sheet) == ("INGEST_SHEET_SKIPPED", Severity.INFO, "空表")


def test_gbk_csv_with_fullwidth_digits_and_units(plan: Plan, fx: Path) -> None:
    table = load_observations([fx / "good_gbk.csv"], plan)
    assert rows(table) == [
        ("scale_va", "jishou", "2023Q3", "level", 0.12345),  # "１，２３４.５" 万元 = 1234.5 / 10000 亿元
        ("users_5g", "xiangxi", "2023", "level", 0.1234),  # "1,234" 户 = 1234 / 10000 万户
    ]
    first = next(iter(table))
    assert (first.note, first.source, first.origin) == ("估算", "good_gbk.csv", "good_gbk.csv:2")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings(plan: Plan, tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "指标,范围,时期,数值\n规模工业增加值,泸溪县,2024年第一季度,8.25\n", encoding=encoding)
    assert rows(load_observations([path], plan)) == [("scale_va", "luxi", "2024Q1", "level", 8.25)]


def test_canonical_csv_reads_back_identically(plan: Plan, fx: Path, tmp_path: Path) -> None:
    table = load_observations([fx / "good.xlsx", fx / "good_gbk.csv"], plan)
    out = tmp_path / "observations.csv"
    table.write_csv(out)
    again = load_observations([out], plan)
    assert [(o.key, o.value, o.source, o.note) for o in again] == [(o.key, o.value, o.source, o.note) for o in table]
    assert len(again) == 6
    out2 = tmp_path / "again.csv"
    again.write_csv(out2)
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "header",
    [
        "指标,范围,时期,数值",
        "indicator,scope,period,value",
        "Indicator, Scope , PERIOD,Value",
        "ｉｎｄｉｃａｔｏｒ,ｓｃｏｐｅ,ｐｅｒｉｏｄ,ｖａｌｕｅ",
        "指标名称,范围或地区,期别,本期数",
        " 指 标 ,县市区,年份,数值*",
        "指标,地区,时期,数值（亿元）",
        "指标,范围/地区,时间,指标值",
    ],
)
def test_header_variants(plan: Plan, tmp_path: Path, header: str) -> None:
    path = write(tmp_path, f"{header}\n规模工业增加值,吉首市,2023,12.5\n")
    assert rows(load_observations([path], plan)) == [("scale_va", "jishou", "2023", "level", 12.5)]


def test_ignored_and_unknown_columns(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "序号,指标,范围,时期,数值,填报说明,目标值\n1,规模工业增加值,吉首市,2023,12.5,说明,180\n")
    result = read_observations([path], plan)
    assert rows(result.table) == [("scale_va", "jishou", "2023", "level", 12.5)]
    (p,) = result.problems  # 序号 and 填报说明 are known and ignored silently; 目标值 is reported
    assert (p.code, p.severity, p.location.row, p.location.column, p.message()) == (
        "INGEST_COLUMN_IGNORED", Severity.INFO, 1, "目标值", "列「目标值」不是可识别的列，已忽略",
    )


def test_ids_names_and_aliases(plan: Plan, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "指标,范围,时期,数值\n"
        "scale_va,jishou,2021,1\n"
        "规上工业增加值,吉首,2022,2\n"
        "规模工业增加值,湘西自治州,2021,3\n"
        "规模 工业增加值 ,泸 溪,2022,4\n",
    )
    assert rows(load_observations([path], plan, rules=[])) == [
        ("scale_va", "jishou", "2021", "level", 1.0),
        ("scale_va", "jishou", "2022", "level", 2.0),
        ("scale_va", "luxi", "2022", "level", 4.0),
        ("scale_va", "xiangxi", "2021", "level", 3.0),
    ]


def test_periods_and_measures(plan: Plan, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "指标,范围,时期,口径,数值\n"
        "规模工业增加值,吉首市,2023Q3,累计,30\n"
        "规模工业增加值,吉首市,2023年1-9月,同比增长,6.5\n"
        "规模工业增加值,泸溪县,2023年前三季度,,20\n"
        "规模工业增加值,泸溪县,2023-07,当月,2.5\n"
        "规模工业增加值,泸溪县,２０２３年７月,同比增长(%),3.5\n"
        "规模工业增加值,湘西州,2023年1—6月,,50\n"
        "规模工业增加值,湘西州,2023-06,累计增长,4.5\n"
        "规模工业增加值,湘西州,2023年,ytd_growth,5\n"
        "规模工业增加值,湘西州,2023年第二季度,1-6月累计,50\n",
    )
    assert rows(load_observations([path], plan, rules=[])) == [
        # sorted by indicator, scope, measure, then period
        ("scale_va", "jishou", "2023Q3", "ytd", 30.0),
        ("scale_va", "jishou", "2023-09", "ytd_growth", 6.5),  # 1-9月 + 同比增长 = 累计增长
        ("scale_va", "luxi", "2023-07", "growth", 3.5),
        ("scale_va", "luxi", "2023-07", "level", 2.5),
        ("scale_va", "luxi", "2023Q3", "ytd", 20.0),  # 前三季度 is cumulative
        ("scale_va", "xiangxi", "2023Q2", "ytd", 50.0),
        ("scale_va", "xiangxi", "2023-06", "ytd", 50.0),  # 1—6月 is cumulative
        ("scale_va", "xiangxi", "2023-06", "ytd_growth", 4.5),
        ("scale_va", "xiangxi", "2023", "ytd_growth", 5.0),
    ]


def test_units_in_every_place(plan: Plan, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "指标,范围,时期,数值,单位\n"
        "规模工业增加值（万元）,吉首市,2021,12345,\n"  # unit after the name: 12345 / 10000 = 1.2345
        "规模工业增加值,吉首市,2022,12.3亿元,\n"  # unit in the cell
        "规模工业增加值,泸溪县,2021,500000000,元\n"  # 5e8 元 / 1e8 = 5 亿元
        "园区规模工业增加值占比,湘西州,2021,65.5%,\n"
        "5G用户,湘西州,2021,12000,户\n"  # 12000 / 10000 = 1.2 万户
        "5G用户,吉首市,2021,0.5,万户\n"
        "规模工业企业数,吉首市,2021,50,家\n",
    )
    assert rows(load_observations([path], plan, rules=[])) == [
        ("enterprises", "jishou", "2021", "level", 50.0),
        ("park_share", "xiangxi", "2021", "level", 65.5),
        ("scale_va", "jishou", "2021", "level", 1.2345),
        ("scale_va", "jishou", "2022", "level", 12.3),
        ("scale_va", "luxi", "2021", "level", 5.0),
        ("users_5g", "jishou", "2021", "level", 0.5),
        ("users_5g", "xiangxi", "2021", "level", 1.2),
    ]


def test_percent_sign_on_an_amount_is_unconvertible(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "指标,范围,时期,数值\n规模工业增加值,吉首市,2021,6.5%\n")
    (p,) = check_observations([path], plan).problems
    assert (p.code, p.location.column, p.message()) == (
        "INGEST_UNIT_MISMATCH", "数值", "数值 6.5 的单位「%」无法换算为规模工业增加值（当期）的单位「亿元」",
    )


def test_growth_ignores_the_value_header_unit_but_not_a_unit_cell(plan: Plan, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "指标,范围,时期,口径,数值（万元）,单位\n"
        "规模工业增加值,吉首市,2021,同比增长,6.5,\n"
        "规模工业增加值,泸溪县,2021,同比增长,6.5,万元\n",
    )
    result = check_observations([path], plan, rules=[])
    assert rows(result.table) == [("scale_va", "jishou", "2021", "growth", 6.5)]
    (p,) = result.problems
    assert (p.code, p.location.row, p.message()) == (
        "INGEST_UNIT_MISMATCH", 3, "数值 6.5 的单位「万元」无法换算为规模工业增加值（同比增长）的单位「%」",
    )


def test_missing_values_are_skipped_with_a_note(plan: Plan, fx: Path, tmp_path: Path) -> None:
    result = read_observations([fx / "missing_values.csv"], plan)
    assert len(result.table) == 0 and result.rows_read == 2
    assert [(p.code, p.severity, p.location.row) for p in result.problems] == [
        ("INGEST_VALUE_MISSING", Severity.INFO, 2),
        ("INGEST_VALUE_MISSING", Severity.INFO, 3),
    ]
    assert result.problems[0].message() == "湘西州2023年规模工业增加值的数值为空，已跳过"
    markers = ["", "—", "——", "-", "－", "…", "...", "NA", "n/a", "#N/A", "/"]
    body = "".join(f"规模工业增加值,吉首市,{2001 + i},{m}\n" for i, m in enumerate(markers))
    path = write(tmp_path, "指标,范围,时期,数值\n" + body + "\n,,,\n")
    result = read_observations([path], plan)
    assert len(result.table) == 0 and result.rows_read == len(markers)  # the blank row is not a data row
    assert {p.code for p in result.problems} == {"INGEST_VALUE_MISSING"}


@pytest.mark.parametrize(("delimiter", "suffix"), [("\t", ".tsv"), ("\t", ".csv"), (";", ".csv")])
def test_delimiters(plan: Plan, tmp_path: Path, delimiter: str, suffix: str) -> None:
    text = delimiter.join(["指标", "范围", "时期", "数值"]) + "\n" + delimiter.join(["规模工业增加值", "吉首市", "2023", "1,234.5"]) + "\n"
    if delimiter == ",":
        pytest.skip("comma is the default")
    path = write(tmp_path, text, name=f"data{suffix}")
    assert rows(load_observations([path], plan, rules=[])) == [("scale_va", "jishou", "2023", "level", 1234.5)]


def test_measures_enum_values_round_trip(plan: Plan, tmp_path: Path) -> None:
    body = "".join(f"scale_va,jishou,2023-0{i + 1},{m.value},{i}\n" for i, m in enumerate(Measure))
    path = write(tmp_path, "indicator,scope,period,measure,value\n" + body)
    table = load_observations([path], plan, rules=[])
    assert [(str(o.period), o.measure) for o in sorted(table, key=lambda o: o.period)] == [
        ("2023-01", Measure.LEVEL), ("2023-02", Measure.YTD), ("2023-03", Measure.GROWTH), ("2023-04", Measure.YTD_GROWTH),
    ]


def test_warnings_do_not_block(plan: Plan, fx: Path) -> None:
    result = read_observations([fx / "warnings.csv"], plan)
    assert len(result.table) == 4 and result.ok
    assert [(p.code, p.location.row) for p in result.problems] == [
        ("RULE_OUT_OF_RANGE", 2),
        ("RULE_OUT_OF_RANGE", 3),
        ("RULE_YOY_CHANGE", 4),
        ("RULE_BELOW_MIN", 5),
    ]
    assert [p.message() for p in result.problems] == [
        "湘西州2023年规模工业增加值同比增长为 250%，不在 -50～200% 之间（规则：增速在 −50%～+200% 之间）",
        "湘西州2023年园区规模工业增加值占比为 105%，不在 0～100% 之间（规则：比重在 0～100% 之间）",
        # against the plan's history: 2022 = 120; (190 − 120) / 120 = 58.33%
        "湘西州2023年规模工业增加值为 190亿元，比上年同期（2022年）的 120亿元 变化 58.33%，超过 ±50%，请核对单位和口径（规则：与上年同期相比变化不超过 50%）",
        "吉首市2023年规模工业企业数为 -3家，不应小于 0（规则：计数不能为负）",
    ]
    assert load_observations([fx / "warnings.csv"], plan).get("enterprises", "jishou", Period.parse("2023")) is not None
