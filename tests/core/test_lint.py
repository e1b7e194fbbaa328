"""planwatch lint on the bundled plan: each disagreement the seed README and issue name, with both numbers."""

from __future__ import annotations

import pytest

from planwatch.domain.enums import Severity
from planwatch.plan.lint import Finding, LintReport, decimals_of, lint_plan, same_at_precision
from planwatch.plan.load import load_plan, parse_plan


@pytest.fixture(scope="module")
def report() -> LintReport:
    return lint_plan(load_plan())


def find(report: LintReport, code: str, target: str) -> Finding:
    hits = [f for f in report.findings if f.code == code and target in f.targets]
    assert len(hits) == 1, [f.to_dict() for f in report.findings if f.code == code]
    return hits[0]


def test_table3_rows_against_total(report: LintReport) -> None:
    # 65+55+37+57+43+50+66+52+80 = 505 against 合计 500
    f = find(report, "LINT_PARTS_TOTAL", "ent_scale_total")
    assert (f.stated.value, f.computed.value, f.severity) == (500, 505, Severity.WARNING)
    assert f.arithmetic == "65 + 55 + 37 + 57 + 43 + 50 + 66 + 52 + 80 = 505"
    # 30+30+25+25+23+30+23+25+30 = 241 against 合计新增 236
    g = find(report, "LINT_PARTS_TOTAL", "ent_new_total")
    assert (g.stated.value, g.computed.value) == (236, 241)
    assert g.message() == "湘西州2025年新增入规工业企业数量目标值写作 236家，但 9 个组成部分合计为 241家（相差 5）"


def test_table2_and_table4_totals_agree(report: LintReport) -> None:
    # 表2: 304.76 and 1000 add up; 表4: 3380 adds up; 新材料 50+60+100+100 = 310 adds up.
    assert not [f for f in report.findings if f.code == "LINT_PARTS_TOTAL" and {"t2_total", "t4_total", "t4_new_materials"} & set(f.targets)]
    assert report.checks["parts_vs_total"] == 7


def test_park_growth_implied(report: LintReport) -> None:
    # 吉首经开区 15.71 → 150 in 5 years: (150/15.71)^(1/5) − 1 = 57.03%, stated 59%
    f = find(report, "LINT_GROWTH_IMPLIED", "t2_jishou_edz")
    assert f.computed.value == pytest.approx(57.03, abs=0.01)
    assert f.stated.value == 59 and f.severity is Severity.WARNING
    # 花垣 31.46 → 80: 20.52% written as 20%: truncated, not rounded → a note, not a warning
    assert find(report, "LINT_GROWTH_IMPLIED", "t2_huayuan_park").severity is Severity.INFO
    # 表2 合计 304.76 → 1000: 26.8% ≈ 27% — consistent
    assert not [f for f in report.findings if f.code == "LINT_GROWTH_IMPLIED" and "t2_total" in f.targets]


def test_industrial_va_at_stated_growth(report: LintReport) -> None:
    # 164.3 × 1.15^5 = 330.47 ≠ 320; (320/164.3)^(1/5) − 1 = 14.26% < "15%以上"
    f = find(report, "LINT_GROWTH_IMPLIED", "t1_02")
    assert "164.3 × (1 + 15%)^5 = 330.5（目标 320）" in f.arithmetic
    assert f.severity is Severity.WARNING


def test_same_quantity_two_baselines(report: LintReport) -> None:
    f = [x for x in report.findings if x.code == "LINT_WRITTEN_TWICE" and x.targets == ("t1_01",)]
    values = sorted((x.stated.value, x.computed.value) for x in f)
    # 表1 258 vs 一（一）1 547.7; 表1 "0%" vs 一（一）1 年均增长5.2%
    assert values == [(0, 5.2), (258, 547.7)]


def test_unit_contradicts_numbers(report: LintReport) -> None:
    # 工业税收 in "%": 12.6 × 1.15^5 = 25.34 ≈ 25 grows like an amount
    f = find(report, "LINT_UNIT_AMOUNT", "t1_11")
    assert f.computed.value == pytest.approx(25.343, abs=0.001)


def test_cumulative_used_as_level(report: LintReport) -> None:
    f = find(report, "LINT_CUMULATIVE_AS_LEVEL", "t1_05")
    assert "500 − 264 = 236" in f.arithmetic


def test_parks_exceed_prefecture_baseline(report: LintReport) -> None:
    # 表2 parks add to 304.76 in 2020, more than 表1's 工业总产值 baseline of 258
    hits = [f for f in report.findings if f.code == "LINT_SUBSET_EXCEEDS"]
    assert sorted((f.stated.value, f.computed.value) for f in hits) == [(258, 304.76), (1000, 1030)]


def test_energy_rate_compounding(report: LintReport) -> None:
    # 1 − 0.98^5 = 9.608%: prints as 10 at the plan's precision → a note
    f = find(report, "LINT_RATE_COMPOUND", "t1_14")
    assert f.computed.value == pytest.approx(9.6079, abs=1e-4) and f.severity is Severity.INFO


def test_warnings_and_notes_counts(report: LintReport) -> None:
    assert report.count(Severity.ERROR) == 0
    # 21 warnings before issue 7 §7, less 表1 序号7's "23%" read as the share's growth (it is 制造业增加值's)
    assert report.count(Severity.WARNING) == 20
    assert report.count(Severity.INFO) == 4


def test_precision_helpers() -> None:
    assert decimals_of(304.76, "304.76亿元") == 2
    assert decimals_of(10, "10以上") == 0
    assert decimals_of(0.25, "[0.25]") == 2
    assert same_at_precision(27, 26.83, 0)
    assert not same_at_precision(59, 57.03, 0)


def test_a_small_plan_is_clean() -> None:
    text = """\
plan: {id: p, name: 测试, base_year: 2020, start_year: 2021, end_year: 2025, region: xx}
scopes:
  - {id: xx, name: 州, kind: prefecture, members: [a, b]}
  - {id: a, name: 甲县, kind: county, parent: xx}
  - {id: b, name: 乙县, kind: county, parent: xx}
indicators:
  - {id: n, name: 企业数, unit: 家, aggregation: sum}
targets:
  - {id: t, indicator: n, scope: xx, kind: level, baseline: {year: 2020, value: 30}, target: {year: 2025, value: 50}, source: s}
  - {id: ta, indicator: n, scope: a, kind: level, baseline: {year: 2020, value: 10}, target: {year: 2025, value: 20}, source: s}
  - {id: tb, indicator: n, scope: b, kind: level, baseline: {year: 2020, value: 20}, target: {year: 2025, value: 30}, source: s}
"""
    r = lint_plan(parse_plan(text))
    assert r.findings == [] and r.checks["parts_vs_total"] == 2


SENSE_PLAN = """\
plan: {{id: p, name: 测试, base_year: 2020, start_year: 2021, end_year: 2025, region: xx}}
scopes:
  - {{id: xx, name: 州, kind: prefecture}}
indicators:
  - {{id: e, name: 能耗下降幅度, unit: "%", temporal: ratio{sense}}}
  - {{id: g, name: 工业增速, unit: "%", temporal: ratio}}
targets:
  - {{id: te, indicator: e, scope: xx, kind: yearly_rate, span: [2021, 2025], yearly_rate: {{per_year: 2}}, target: {{year: 2025, value: 10}}, source: s}}
  - {{id: tg, indicator: g, scope: xx, kind: yearly_rate, span: [2021, 2025], yearly_rate: {{per_year: 2}}, target: {{year: 2025, value: 10}}, source: s}}
"""


def test_rate_sense_decides_the_compounding_and_a_decline_name_is_checked() -> None:
    declared = lint_plan(parse_plan(SENSE_PLAN.format(sense=", rate_sense: decline")))
    assert [f.code for f in declared.findings if f.code == "LINT_RATE_SENSE"] == []
    # decline: 1 − 0.98^5 = 9.6079 %; growth: 1.02^5 − 1 = 10.4081 % (both print as 10 → notes)
    e = find(declared, "LINT_RATE_COMPOUND", "te")
    g = find(declared, "LINT_RATE_COMPOUND", "tg")
    assert e.computed.value == pytest.approx(9.6079, abs=1e-4)
    assert g.computed.value == pytest.approx(10.4081, abs=1e-4)
    assert "1.02" not in g.arithmetic and "(1 + 2%)^5" in g.arithmetic

    forgotten = lint_plan(parse_plan(SENSE_PLAN.format(sense="")))
    sense = [f for f in forgotten.findings if f.code == "LINT_RATE_SENSE"]
    assert len(sense) == 1 and sense[0].severity is Severity.WARNING
    assert "下降" in sense[0].message("zh") and "rate_sense: decline" in sense[0].message("en")


GROWTH_PLAN = """\
plan: {id: p, name: 测试, base_year: 2020, start_year: 2021, end_year: 2025, region: xx}
scopes:
  - {id: xx, name: 州, kind: prefecture, members: [a, b]}
  - {id: a, name: 甲县, kind: county, parent: xx}
  - {id: b, name: 乙县, kind: county, parent: xx}
indicators:
  - {id: v, name: 增加值, unit: 亿元, temporal: flow, aggregation: sum}
  - {id: w, name: 投资, unit: 亿元, temporal: flow, aggregation: sum}
targets:
  - {id: t, indicator: v, scope: xx, kind: level, baseline: {year: 2020, value: 100}, target: {year: 2025, value: 200}, source: s}
  - {id: ta, indicator: v, scope: a, kind: level, baseline: {year: 2020, value: 40}, target: {year: 2025, value: 80}, source: s}
  - {id: tb, indicator: v, scope: b, kind: level, baseline: {year: 2020, value: 60}, target: {year: 2025, value: 120}, source: s}
  - {id: tg, indicator: v, scope: xx, kind: growth, growth_of: t, target: {year: 2025, value: 15, text: "15"}, source: g}
  - {id: tag, indicator: v, scope: a, kind: growth, growth_of: ta, target: {year: 2025, value: 15}, source: g}
  - {id: tbg, indicator: v, scope: b, kind: growth, growth_of: tb, target: {year: 2025, value: 15}, source: g}
  - {id: tw, indicator: w, scope: xx, kind: growth, growth_of: t, target: {year: 2025, value: 14.5}, source: g}
"""


def test_a_growth_target_is_checked_against_its_level_and_never_added_up() -> None:
    r = lint_plan(parse_plan(GROWTH_PLAN))
    # 100 → 200 in 5 years: 2^(1/5) − 1 = 14.87 %/yr, stated 15: consistent at the stated precision (rounds to 15)
    assert [f for f in r.findings if f.code == "LINT_GROWTH_IMPLIED" and "tg" in f.targets] == []
    # tw is 投资 but names 增加值's level t: a warning, and its 14.5 is still compared with t's path (14.87 prints 14.9 ≠ 14.5)
    other = find(r, "LINT_GROWTH_OF_OTHER", "tw")
    assert other.targets == ("tw", "t") and other.severity is Severity.WARNING
    assert find(r, "LINT_GROWTH_IMPLIED", "tw").computed.value == pytest.approx(14.87, abs=0.01)
    # the three rates (15 + 15 ≠ 15) are not members' values: only the levels are added (40 + 60 = 100, 80 + 120 = 200)
    assert r.checks["parts_vs_total"] == 2 and not [f for f in r.findings if f.code == "LINT_PARTS_TOTAL"]
    assert r.checks["growth_of"] == 4 and r.checks["stated_growth"] == 4
