"""The synthetic demo data: calibrated to the plan's 2020 figures, deterministic, and labelled synthetic.

Most tests use a reduced universe (``small_share=0.1`` keeps a tenth of the small firms) and data
through 2021-12, which takes about two seconds; the full-size calibration test is marked slow.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from planwatch.cli import cli
from planwatch.demo.generate import DemoData, generate_demo_data, parse_through
from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch.enterprises import uscc
from planwatch.plan.load import Plan, load_plan

TABLE3_2020 = {"jishou": 35, "luxi": 25, "fenghuang": 12, "baojing": 32, "guzhang": 20, "huayuan": 20,
               "longshan": 43, "yongshun": 27, "xiangxi_hitech": 50}  # 表3, 264 in all
TABLE2_2020 = {"xiangxi_hitech": 125, "jishou_edz": 15.71, "luxi_hitech": 51.94, "fenghuang_park": 4.7,
               "baojing_park": 23.2, "guzhang_park": 12, "huayuan_park": 31.46, "longshan_park": 12.84,
               "yongshun_edz": 27.91}  # 表2, 304.76 in all


@pytest.fixture(scope="module")
def xiangxi() -> Plan:
    return load_plan()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, xiangxi: Plan) -> DemoData:
    return generate_demo_data(xiangxi, tmp_path_factory.mktemp("demo"), seed=7, through=Period.parse("2021-12"),
                              small_share=0.1)


def read(path: Path) -> dict[tuple[str, str, str, str], float]:
    with path.open(encoding="utf-8") as fh:
        return {(r["indicator"], r["scope"], r["period"], r["measure"]): float(r["value"]) for r in csv.DictReader(fh)}


def test_the_files_and_what_they_say(small: DemoData) -> None:
    assert all(p.exists() for p in small.files)
    readme = small.readme.read_text(encoding="utf-8")
    assert "合成演示数据" in readme and "synthetic demo data" in readme
    with small.observations.open(encoding="utf-8") as fh:
        sources = {r["source"] for r in csv.DictReader(fh)}
    assert all("synthetic" in s for s in sources), sources
    names = pq.read_table(small.microdata, columns=["企业名称", "统一社会信用代码"]).to_pydict()
    assert all("演示企业" in n for n in names["企业名称"])
    assert all(i[8:10] == "DM" and uscc.check(i).valid for i in names["统一社会信用代码"])
    months = pq.read_table(small.microdata, columns=["月份"]).column(0).to_pylist()
    assert min(months) == "2019-01" and max(months) == "2021-12"


def test_scale_counts_and_park_outputs_of_2020_are_the_plans(small: DemoData) -> None:
    values = read(small.observations)
    for county, n in TABLE3_2020.items():
        assert values[("scale_enterprises", county, "2020", "level")] == n
    assert values[("scale_enterprises", "xiangxi", "2020", "level")] == 264
    # exact up to the records' rounding to 0.1万元 a month (a few 万元 a year in all: abs 0.01亿元)
    for park, output in TABLE2_2020.items():
        assert values[("industrial_output", park, "2020", "level")] == pytest.approx(output, abs=0.01)
    assert values[("industrial_output", "parks", "2020", "level")] == pytest.approx(304.76, abs=0.01)
    # the prefecture: 547.7 (一（一）1), scale VA 122 and parks' 51.2 % of it, R&D 2.25 %
    # (547.7 outside the parks needs all the small firms; with a tenth of them it comes within 1 %)
    assert values[("industrial_output", "xiangxi", "2020", "level")] == pytest.approx(547.7, rel=0.01)
    assert values[("scale_industrial_va", "xiangxi", "2020", "level")] == pytest.approx(122, rel=1e-3)
    assert values[("park_va_share", "xiangxi", "2020", "level")] == pytest.approx(51.2, rel=1e-3)
    assert values[("rd_intensity_scale", "xiangxi", "2020", "level")] == pytest.approx(2.25, rel=1e-3)
    assert values[("enterprises_10yi", "xiangxi", "2020", "level")] == 3


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path, xiangxi: Plan, small: DemoData) -> None:
    again = generate_demo_data(xiangxi, tmp_path / "a", seed=7, through=Period.parse("2021-12"), small_share=0.1)
    assert again.observations.read_bytes() == small.observations.read_bytes()
    assert again.sample.read_bytes() == small.sample.read_bytes()
    other = generate_demo_data(xiangxi, tmp_path / "b", seed=8, through=Period.parse("2021-12"), small_share=0.1)
    assert other.observations.read_bytes() != small.observations.read_bytes()


def test_statistics_cover_the_targets_enterprise_data_cannot(small: DemoData, xiangxi: Plan) -> None:
    values = read(small.observations)
    keys = {(k[0], k[1]) for k in values}
    for indicator, scope in [("gdp", "xiangxi"), ("industrial_investment", "xiangxi"),
                             ("internet_penetration", "xiangxi"), ("internet_penetration", "hunan"),
                             ("base_stations_5g", "xiangxi"), ("telecom_volume", "xiangxi"),
                             ("tech_renovation_investment", "jishou"), ("informatization_index", "luxi"),
                             ("investment_projects", "xiangxi")]:
        assert (indicator, scope) in keys, (indicator, scope)
    # 工业增加值占GDP: 2020 from the plan's own figures, 164.3 ÷ 723.8 = 22.7 %
    assert values[("industrial_va_share_gdp", "xiangxi", "2020", "level")] == pytest.approx(22.7, abs=0.3)
    # the statistics' 新增上云企业 (all sectors) replace the enterprise records' (industry only)
    assert values[("cloud_enterprises_new", "xiangxi", "2021", "level")] == 1560
    assert not any(k[0] == "cloud_enterprises_new" and k[1] == "xiangxi" and k[3] == Measure.YTD.value
                   for k in values)


def test_variety_the_mining_shutdown_goes_backwards(small: DemoData) -> None:
    values = read(small.observations)
    # 花垣's manganese and zinc mines shut in July 2022: before then the county grows like the rest
    assert values[("industrial_output", "huayuan_park", "2021", "level")] > 31.46


@pytest.mark.parametrize("text", ["2020-12", "2026-01", "2025Q2", "next"])
def test_through_outside_the_plan_is_refused(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - parse_through raises ValueError or its PeriodError subclass
        parse_through(text)


def test_demo_data_command_refuses_a_bad_month_in_chinese(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo-data", "--out", str(tmp_path / "x"), "--through", "2030-01"])
    assert result.exit_code == 1
    assert "DEMO_THROUGH_RANGE" in result.output and "2021-01 至 2025-12" in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_full_size_2020_figures_within_a_few_percent(tmp_path: Path, xiangxi: Plan) -> None:
    data = generate_demo_data(xiangxi, tmp_path, seed=42, through=Period.parse("2021-03"))
    v = read(data.observations)
    expected = {  # 一（一）, 表1 and 表3 of the plan, 2020
        "industrial_output": 547.7, "industrial_va": 164.3, "scale_industrial_va": 122, "park_va_share": 51.2,
        "rd_intensity_scale": 2.25, "industrial_tax": 12.6, "industrial_tax_all": 51.0,
        "scale_manufacturing_va_share": 81.1, "hitech_va": 48.7, "hitech_enterprises": 124,
        "sei_output_share": 16.3, "new_product_sales_share": 17, "private_va_share": 78.7, "scale_profit": 9.9,
        "enterprises_1yi": 51, "enterprises_10yi": 3, "scale_enterprises": 264, "industrial_va_share_gdp": 22.7,
        "manufacturing_va_share_gdp": 14.8,
    }
    for indicator, value in expected.items():
        assert v[(indicator, "xiangxi", "2020", "level")] == pytest.approx(value, rel=0.03), indicator


def test_demo_register_matches_the_microdata(small: DemoData, xiangxi: Plan) -> None:
    from planwatch.enterprises.disagreements import disagreements
    from planwatch.enterprises.microdata_years import read_enterprise_years
    from planwatch.enterprises.read import read_register
    from planwatch.projects.read import read_projects

    register = read_register([small.folder / "register.csv"], xiangxi)
    assert not register.problems, [p.render() for p in register.problems]
    codes = {str(c) for c in pq.read_table(small.microdata, columns=["统一社会信用代码"]).column(0).to_pylist()}
    assert {e.uscc for e in register.enterprises} == codes
    # 入规 is recorded from the previous year's revenue, so register and microdata agree
    years = read_enterprise_years([small.microdata], xiangxi)
    assert disagreements(register.enterprises, years, xiangxi) == []
    projects = read_projects([small.folder / "projects.csv"], xiangxi)
    assert not projects.problems and len(projects.projects) >= 45
    # 产业链环节: every chain firm at a node of its chain; no firm at a node the chain file marks
    # missing (缺失), so those stay empty as 补链 gaps
    from planwatch.chains.load import load_chains
    from planwatch.chains.schema import NodeStatus

    chains = load_chains(xiangxi)
    assert chains is not None
    missing = {f"{c.id}:{n.id}" for c in chains for n in c.nodes if n.status is NodeStatus.MISSING}
    used = {n for e in register.enterprises for n in e.chain_nodes}
    assert missing and not (used & missing)
    with_chain = [e for e in register.enterprises if e.chains]
    assert with_chain and all(e.chain_nodes for e in with_chain)
