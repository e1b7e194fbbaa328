"""The pre-filled Excel template: its rows, its layout, and that a filled copy imports as it is."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch.domain.problems import ProblemsError
from planwatch.ingest import load_observations
from planwatch.ingest.template import HEADERS, build_template, template_bytes, template_rows
from planwatch.plan.load import Plan


def test_rows_for_the_prefecture(plan: Plan) -> None:
    rows = template_rows(plan, "湘西州", Period.parse("2024"))
    assert [(r.indicator, r.indicator_name, r.scope_name, str(r.period), r.measure, r.unit, r.hint) for r in rows] == [
        ("scale_va", "规模工业增加值", "湘西州", "2024", Measure.LEVEL, "亿元", "2025年目标 180亿元（表1）"),
        ("park_share", "园区规模工业增加值占比", "湘西州", "2024", Measure.LEVEL, "%", "2025年目标 80%（表1）"),
    ]


def test_flows_in_a_quarter_are_cumulative(plan: Plan) -> None:
    rows = template_rows(plan, "xiangxi", Period.parse("2024Q3"))
    assert [(r.indicator, r.measure) for r in rows] == [("scale_va", Measure.YTD), ("park_share", Measure.LEVEL)]


def test_unknown_scope_and_scope_without_targets(plan: Plan) -> None:
    with pytest.raises(ProblemsError) as exc:
        template_rows(plan, "吉首县", Period.parse("2024"))
    assert exc.value.problems[0].message() == "规划中没有范围「吉首县」（相近的范围：吉首市）"
    with pytest.raises(ProblemsError) as exc:
        template_rows(plan, "泸溪县", Period.parse("2024"))
    assert exc.value.problems[0].message() == "规划没有为「泸溪县」设定任何目标，无法生成填报模板"


def test_workbook_layout(plan: Plan) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(plan, "湘西州", Period.parse("2024Q3"))))
    ws = wb["数据"]
    assert wb.sheetnames == ["数据"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert [c.value for c in ws[2]] == ["规模工业增加值", "湘西州", "2024年第三季度", "累计", None, "亿元", None, None, "2025年目标 180亿元（表1）"]
    assert ws.max_row == 3
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1) == ("list", '"当期,累计,同比增长,累计增长"')
    assert str(dv.sqref).startswith("D2:D")
    assert ws.freeze_panes == "A2"


def test_filled_template_imports(plan: Plan, tmp_path: Path) -> None:
    wb = build_template(plan, "湘西州", Period.parse("2024Q3"))
    ws = wb["数据"]
    ws["E2"] = 1234500  # 万元: 1234500 / 10000 = 123.45 亿元
    ws["F2"] = "万元"
    ws["E3"] = "66.6"
    ws["G3"] = "州统计局"
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    table = load_observations([path], plan)
    assert [(o.indicator, o.scope, str(o.period), o.measure, o.value, o.source, o.origin) for o in table] == [
        ("park_share", "xiangxi", "2024Q3", Measure.LEVEL, 66.6, "州统计局", "filled.xlsx:数据:3"),
        ("scale_va", "xiangxi", "2024Q3", Measure.YTD, 123.45, "filled.xlsx", "filled.xlsx:数据:2"),
    ]
