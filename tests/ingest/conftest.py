"""A small inline plan for the import tests: 湘西州 = 吉首市 + 泸溪县, four indicators."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.plan.load import Plan, parse_plan

MINI_PLAN = """
plan: {id: mini, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: xiangxi}
scopes:
  - {id: xiangxi, name: 湘西州, kind: prefecture, members: [jishou, luxi], aliases: [湘西自治州]}
  - {id: jishou, name: 吉首市, kind: county, parent: xiangxi, aliases: [吉首]}
  - {id: luxi, name: 泸溪县, kind: county, parent: xiangxi, aliases: [泸溪]}
indicators:
  - {id: scale_va, name: 规模工业增加值, unit: 亿元, temporal: flow, aggregation: sum, aliases: [规上工业增加值]}
  - {id: park_share, name: 园区规模工业增加值占比, unit: "%", temporal: ratio, limit: 100}
  - {id: enterprises, name: 规模工业企业数, unit: 家, temporal: stock, aggregation: sum}
  - {id: users_5g, name: 5G用户, unit: 万户, temporal: stock, aggregation: sum}
targets:
  - {id: t1, indicator: scale_va, scope: xiangxi, kind: level, baseline: {year: 2020, value: 100}, target: {year: 2025, value: 180}, source: 表1}
  - {id: t2, indicator: park_share, scope: xiangxi, kind: share, target: {year: 2025, value: 80}, source: 表1}
  - {id: t3, indicator: enterprises, scope: jishou, kind: level, target: {year: 2025, value: 65}, source: 表3}
history:
  - {indicator: scale_va, scope: xiangxi, period: "2022", value: 120, source: 测试}
"""

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return parse_plan(MINI_PLAN, file="mini.yaml")


@pytest.fixture(scope="session")
def fx() -> Path:
    return FIXTURES


@pytest.fixture
def mini_plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_PLAN, encoding="utf-8")
    return path
