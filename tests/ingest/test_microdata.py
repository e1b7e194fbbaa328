"""Enterprise microdata → indicators, on five enterprises × two years worked out by hand.

The records (values per month, 万元; energy in 吨; 缩减指数 100 unless stated):

    A 吉首市 吉首经开区 酒业   2023-01…2024-12  产值 800 (2023) / 900 (2024), 增加值 240 / 270, 收入 = 产值,
                                                 税 10, 研发 6, 能耗 100 / 99, 缩减指数 2024 = 105; 高新技术, 制造业
    B 泸溪县 —         锰(新材料) 2023-01…2024-12  产值 100, 增加值 20, 收入 100, 税 1, 能耗 50; 矿产业
    C 吉首市 —         酒业   2023-07…2024-12  产值 200, 增加值 50, 收入 200, 税 5, 能耗 20; 制造业 (new mid-2023)
    D 吉首市 —         —      2024-01…2024-12  产值 50, 增加值 30, 收入 50, 税 500; 烟草, 制造业 (new in 2024)
    E 古丈县 古丈产业开发区 —  2023-01…2023-12  产值 80, 增加值 16, 收入 80, 税 2 (closed after 2023)

Scale set of 2024 (revenue of 2023 ≥ 2000万元): A 800×12 = 9600 yes; B 1200 no; C started in July:
1200 over 6 months, annualised 1200×12/6 = 2400 yes; D and E do not report in both years. → {A, C}.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from microdata_helpers import enterprise, find, value, write_csv

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.ingest.microdata import aggregate_microdata
from planwatch.plan.load import Plan, load_plan

G, Y, YTD, YG = Measure.GROWTH, Measure.LEVEL, Measure.YTD, Measure.YTD_GROWTH


@pytest.fixture(scope="module")
def xiangxi() -> Plan:
    return load_plan()


def five_enterprises() -> list[dict[str, object]]:
    base = {"可比价缩减指数": 100}
    return [
        *enterprise("A", "吉首市", "2023-01", "2024-12", park="吉首经开区", chain="酒业",
                    税收=10, 研发费用=6, 高新技术="是", 制造业="是", **base,
                    by_year={2023: {"工业总产值": 800, "工业增加值": 240, "营业收入": 800, "综合能源消费量": 100},
                             2024: {"工业总产值": 900, "工业增加值": 270, "营业收入": 900, "综合能源消费量": 99,
                                    "可比价缩减指数": 105}}),
        *enterprise("B", "泸溪县", "2023-01", "2024-12", chain="锰及其新材料", 工业总产值=100, 工业增加值=20,
                    营业收入=100, 税收=1, 综合能源消费量=50, 矿产业="是", 制造业="否", **base),
        *enterprise("C", "吉首市", "2023-07", "2024-12", chain="酒业", 工业总产值=200, 工业增加值=50,
                    营业收入=200, 税收=5, 综合能源消费量=20, 制造业="是", **base),
        *enterprise("D", "吉首市", "2024-01", "2024-12", 工业总产值=50, 工业增加值=30, 营业收入=50, 税收=500,
                    烟草="是", 制造业="是", **base),
        *enterprise("E", "古丈县", "2023-01", "2023-12", park="古丈产业开发区", 工业总产值=80, 工业增加值=16,
                    营业收入=80, 税收=2, **base),
    ]


@pytest.fixture(scope="module")
def obs(tmp_path_factory: pytest.TempPathFactory, xiangxi: Plan) -> list[Observation]:
    path = write_csv(tmp_path_factory.mktemp("micro") / "five.csv", five_enterprises())
    return aggregate_microdata([path], xiangxi).observations


def test_levels_are_sums_in_yi_yuan(obs: list[Observation]) -> None:
    # 2024: (900 + 100 + 200 + 50) × 12 = 15000 万元 = 1.5 亿元
    assert value(obs, "industrial_output", "xiangxi", "2024") == pytest.approx(1.5)
    # 2023: 800×12 + 100×12 + 200×6 + 80×12 = 9600 + 1200 + 1200 + 960 = 12960 万元
    assert value(obs, "industrial_output", "xiangxi", "2023") == pytest.approx(1.296)
    # a month and a year-to-date: 2024-03 = 900 + 100 + 200 + 50 = 1250; 1—3月 = 3750
    assert value(obs, "industrial_output", "xiangxi", "2024-03") == pytest.approx(0.125)
    assert value(obs, "industrial_output", "xiangxi", "2024-03", YTD) == pytest.approx(0.375)
    # all industry: (270 + 20 + 50 + 30) × 12 = 4440 万元
    assert value(obs, "industrial_va", "xiangxi", "2024") == pytest.approx(0.444)


def test_scale_set_from_last_years_revenue(obs: list[Observation]) -> None:
    assert value(obs, "scale_enterprises", "xiangxi", "2024") == 2  # A and C
    assert value(obs, "scale_enterprises", "jishou", "2024") == 2
    assert value(obs, "scale_enterprises", "luxi", "2024") == 0  # B: 1200 < 2000
    assert value(obs, "scale_enterprises", "xiangxi", "2024-05") == 2
    # scale VA 2024 = (270 + 50) × 12 = 3840 万元
    assert value(obs, "scale_industrial_va", "xiangxi", "2024") == pytest.approx(0.384)
    # 2023 is the first year of data: no previous revenue, so no scale figures at all
    assert find(obs, "scale_industrial_va", "xiangxi", "2023") is None
    assert find(obs, "scale_enterprises", "xiangxi", "2023") is None
    # nor 新增入规 in 2024 (it needs the 2023 scale set, i.e. 2022 revenue)
    assert find(obs, "new_scale_enterprises", "xiangxi", "2024") is None


def test_growth_is_on_the_same_enterprises_at_comparable_prices(obs: list[Observation]) -> None:
    # all industry, 2024 on 2023: A, B, C report in both years (D only 2024, E only 2023: left out)
    # this year at 2024 prices ÷ deflator: (900/1.05 + 100 + 200) × 12 = 13885.714…; last year 9600 + 1200 + 1200
    expected = (12 * (900 / 1.05 + 100 + 200)) / (9600 + 1200 + 1200) - 1
    growth = find(obs, "industrial_output", "xiangxi", "2024", G)
    assert growth is not None
    assert growth.value == pytest.approx(expected * 100)  # +15.71 %, not the naive 1.5/1.296 − 1 = +15.74 %
    assert "同口径" in growth.note and "3家企业" in growth.note and "可比价" in growth.note
    # scale VA: the 2024 scale set {A, C}; C's 2023 value is its six months: 240×12 + 50×6 = 3180
    expected = (12 * (270 / 1.05 + 50)) / (240 * 12 + 50 * 6) - 1
    assert value(obs, "scale_industrial_va", "xiangxi", "2024", G) == pytest.approx(expected * 100)
    # March: only A reported in March 2023 → (270/1.05)/240 − 1 = 7.14 %
    assert value(obs, "scale_industrial_va", "xiangxi", "2024-03", G) == pytest.approx((270 / 1.05 / 240 - 1) * 100)
    # 1—3月: C reported nothing in 1—3月 2023, so again only A
    assert value(obs, "scale_industrial_va", "xiangxi", "2024-03", YG) == pytest.approx((270 / 1.05 / 240 - 1) * 100)
    # 1—7月: C reported in July 2023 and joins: (7×270/1.05 + 7×50) / (7×240 + 1×50) − 1 = 2150/1730 − 1
    assert value(obs, "scale_industrial_va", "xiangxi", "2024-07", YG) == pytest.approx((2150 / 1730 - 1) * 100)
    # revenue is nominal (现价): A and C, (900 + 200) × 12 / (800×12 + 200×6) − 1
    revenue = find(obs, "scale_revenue", "xiangxi", "2024", G)
    assert revenue is not None and "现价" in revenue.note
    assert revenue.value == pytest.approx((13200 / 10800 - 1) * 100)


def test_shares_tax_and_energy(obs: list[Observation]) -> None:
    # parks' share of scale VA: A is in 吉首经开区, C is not → 270×12 / 3840 = 84.375 %
    assert value(obs, "park_va_share", "xiangxi", "2024") == pytest.approx(84.375)
    assert value(obs, "park_scale_va", "xiangxi", "2024") == pytest.approx(0.324)
    # R&D of the scale set ÷ its revenue: 6×12 / (900×12 + 200×12) = 72 / 13200
    assert value(obs, "rd_intensity_scale", "xiangxi", "2024") == pytest.approx(72 / 13200 * 100)
    # 工业税收（不含烟）leaves D (烟草) out: (10 + 1 + 5) × 12 = 192 万元; with D: 192 + 6000
    assert value(obs, "industrial_tax", "xiangxi", "2024") == pytest.approx(0.0192)
    assert value(obs, "industrial_tax_all", "xiangxi", "2024") == pytest.approx(0.6192)
    # manufacturing share of scale VA: A and C are both 制造业 → 100 %; all-industry 制造业 VA adds D
    assert value(obs, "scale_manufacturing_va_share", "xiangxi", "2024") == pytest.approx(100)
    assert value(obs, "manufacturing_va", "xiangxi", "2024") == pytest.approx((270 + 50 + 30) * 12 / 1e4)
    # energy intensity (吨/万元, current prices): (99 + 20) × 12 / 3840
    assert value(obs, "energy_intensity", "xiangxi", "2024") == pytest.approx(1428 / 3840)
    # decline on the same scale set at comparable prices:
    #   2024: 1428 吨 / (12 × (270/1.05 + 50)) 万元;  2023: (1200 + 120) / 3180
    ratio = (1428 / (12 * (270 / 1.05 + 50))) / (1320 / 3180)
    assert value(obs, "energy_intensity_decline", "xiangxi", "2024") == pytest.approx((1 - ratio) * 100)


def test_scopes_parks_and_chains(obs: list[Observation]) -> None:
    assert value(obs, "industrial_output", "jishou_edz", "2024") == pytest.approx(1.08)  # A: 900 × 12
    assert value(obs, "industrial_output", "guzhang_park", "2023") == pytest.approx(0.096)  # E: 80 × 12
    assert value(obs, "industrial_output", "jishou", "2024") == pytest.approx((900 + 200 + 50) * 12 / 1e4)
    # an industry scope calls its output chain_output; a sub-industry adds to its industry
    assert value(obs, "chain_output", "liquor", "2024") == pytest.approx((900 + 200) * 12 / 1e4)
    assert value(obs, "chain_output", "nm_manganese", "2024") == pytest.approx(0.12)
    assert value(obs, "chain_output", "new_materials", "2024") == pytest.approx(0.12)
    assert find(obs, "industrial_output", "liquor", "2024") is None
    # groups are written only when the records name all their members (here 2 of 9 parks)
    assert find(obs, "industrial_output", "parks", "2024") is None
    # a park's share of its own VA would be 100 % by definition: not written
    assert find(obs, "park_va_share", "jishou_edz", "2024") is None


def test_counts_of_large_and_high_tech_enterprises(obs: list[Observation]) -> None:
    assert value(obs, "enterprises_1yi", "xiangxi", "2024") == 1  # A: 900 × 12 = 10800 万元 ≥ 1亿
    assert value(obs, "enterprises_1yi", "xiangxi", "2023") == 0  # A: 9600 万元
    assert value(obs, "enterprises_10yi", "xiangxi", "2024") == 0
    assert value(obs, "hitech_enterprises", "xiangxi", "2024") == 1
    assert value(obs, "hitech_va", "xiangxi", "2024") == pytest.approx(0.324)


def test_every_observation_says_where_it_came_from(obs: list[Observation]) -> None:
    assert {o.source for o in obs} == {"企业微观数据汇总"}
    assert {o.origin for o in obs} == {"microdata"}
    assert all("同口径" in o.note for o in obs if o.measure in (G, YG))


def test_cn_n1_same_set_growth_against_two_published_totals(tmp_path: Path, xiangxi: Plan) -> None:
    """Methodology §11.3, CN-N1: published 1—5月 totals 27298.3 vs 29047.6 give −6.02 %, NBS says +16.5 %.

    Per month (万元): A reports both years, 20000 → 23300 (+16.5 %); B closes after 2017 (9047.6);
    C opens in 2018 (3998.3). Totals per month: 2017 20000 + 9047.6 = 29047.6; 2018 23300 + 3998.3 = 27298.3.
    """
    rows = [
        *enterprise("A", "吉首市", "2017-01", "2018-12", 营业收入=30000, 工业增加值=0,
                    by_year={2017: {"工业总产值": 20000}, 2018: {"工业总产值": 23300}}),
        *enterprise("B", "泸溪县", "2017-01", "2017-12", 工业总产值=9047.6, 营业收入=9047.6, 工业增加值=0),
        *enterprise("C", "凤凰县", "2018-01", "2018-12", 工业总产值=3998.3, 营业收入=3998.3, 工业增加值=0),
    ]
    result = aggregate_microdata([write_csv(tmp_path / "n1.csv", rows)], xiangxi).observations
    this_year = value(result, "industrial_output", "xiangxi", "2018-05", YTD)
    last_year = value(result, "industrial_output", "xiangxi", "2017-05", YTD)
    assert this_year == pytest.approx(5 * 27298.3 / 1e4)
    assert last_year == pytest.approx(5 * 29047.6 / 1e4)
    assert (this_year / last_year - 1) * 100 == pytest.approx(-6.022, abs=1e-3)  # the naive reading
    assert value(result, "industrial_output", "xiangxi", "2018-05", YG) == pytest.approx(16.5)  # 23300/20000 − 1
    assert value(result, "industrial_output", "xiangxi", "2018", G) == pytest.approx(16.5)


def test_new_entries_and_exits(tmp_path: Path, xiangxi: Plan) -> None:
    """P grows past the line (150 → 200 a month), Q stays above, R falls below, S starts in Oct 2023.

    Scale 2023 (from 2022 revenue): Q 3600, R 3600 yes; P 1800 no → {Q, R}.
    Scale 2024 (from 2023): P 2400, Q 3600 yes; R 1200 no; S 800×3 annualised ×12/3 = 9600 yes → {P, Q, S}.
    新增入规 2024 = P and S = 2, and R left (退出 1).
    """
    rows = [
        *enterprise("P", "吉首市", "2022-01", "2024-12", 工业总产值=150, 工业增加值=30,
                    by_year={2022: {"营业收入": 150}, 2023: {"营业收入": 200}, 2024: {"营业收入": 210}}),
        *enterprise("Q", "吉首市", "2022-01", "2024-12", 工业总产值=300, 工业增加值=60, 营业收入=300),
        *enterprise("R", "吉首市", "2022-01", "2024-12", 工业总产值=300, 工业增加值=60,
                    by_year={2022: {"营业收入": 300}, 2023: {"营业收入": 100}, 2024: {"营业收入": 100}}),
        *enterprise("S", "吉首市", "2023-10", "2024-12", 工业总产值=800, 工业增加值=160, 营业收入=800),
    ]
    result = aggregate_microdata([write_csv(tmp_path / "entry.csv", rows)], xiangxi).observations
    assert value(result, "scale_enterprises", "xiangxi", "2023") == 2
    assert value(result, "scale_enterprises", "xiangxi", "2024") == 3
    entries = find(result, "new_scale_enterprises", "jishou", "2024")
    assert entries is not None and entries.value == 2 and "退出1家" in entries.note
    assert find(result, "new_scale_enterprises", "xiangxi", "2023") is None  # 2022's scale set is unknown


def test_value_added_from_the_rate(tmp_path: Path, xiangxi: Plan) -> None:
    # 增加值率 30 % of 产值 100 a month (单缩法): 30 × 12 = 360 万元
    rows = enterprise("A", "吉首市", "2024-01", "2024-12", 工业总产值=100, 增加值率="30%", 营业收入=100)
    result = aggregate_microdata([write_csv(tmp_path / "rate.csv", rows)], xiangxi).observations
    assert value(result, "industrial_va", "xiangxi", "2024") == pytest.approx(0.036)


def test_new_cloud_enterprises(tmp_path: Path, xiangxi: Plan) -> None:
    # A goes on the cloud in April 2024; B was already on it when the data start (not new);
    # C opens in June 2024 already on the cloud (new, counted in June).
    rows = [
        *[dict(r, 上云="是" if r["月份"] >= "2024-04" else "否")
          for r in enterprise("A", "吉首市", "2024-01", "2024-12", 工业总产值=10, 工业增加值=3, 营业收入=10)],
        *enterprise("B", "吉首市", "2024-01", "2024-12", 工业总产值=10, 工业增加值=3, 营业收入=10, 上云="是"),
        *enterprise("C", "泸溪县", "2024-06", "2024-12", 工业总产值=10, 工业增加值=3, 营业收入=10, 上云="√"),
    ]
    result = aggregate_microdata([write_csv(tmp_path / "cloud.csv", rows)], xiangxi).observations
    assert value(result, "cloud_enterprises_new", "xiangxi", "2024-04") == 1
    assert value(result, "cloud_enterprises_new", "xiangxi", "2024-06") == 1
    assert value(result, "cloud_enterprises_new", "xiangxi", "2024") == 2
    assert value(result, "cloud_enterprises_new", "luxi", "2024-06", YTD) == 1
