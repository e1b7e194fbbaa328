"""Pool rules (YAML) and the screening: entries, moves and exits with every rule's two sides."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.problems import ProblemsError
from planwatch.enterprises.microdata_years import read_enterprise_years
from planwatch.enterprises.pool_rules import load_pool_rules
from planwatch.enterprises.read import read_register
from planwatch.enterprises.screening import ProposalKind, RuleStatus, screen
from planwatch.plan.load import load_plan

E1 = "91433101MA4L7Q2R6E"
E2 = "91433122MA4L8B3KXC"
E3 = "91433124MA4L9C4M06"
E4 = "91433101MA4LAD5N3T"


@pytest.fixture(scope="module")
def proposals(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], object]:
    tmp = tmp_path_factory.mktemp("pools")
    plan = load_plan(None)
    reg = tmp / "r.csv"
    reg.write_text(
        "统一社会信用代码,企业名称,县市区,行业代码,入规年月,培育库,2023年营业收入,2024年营业收入,2024年工业总产值\n"
        f"{E1},甲,吉首市,C39,,,1200,1400,\n"  # growth 1400/1200 − 1 = 16.67% ≥ 10%; 1400 ≥ 1000
        f"{E2},乙,泸溪县,C38,2024-01,小升规培育库,1800,2100,\n"  # in the pool, 入规 2024-01: leaves
        f"{E3},丙,花垣县,C30,2015-01,龙头企业（过亿）,,,150000\n"  # 15亿 ≥ 10亿: moves 过亿 → 10亿
        f"{E4},丁,吉首市,,,,2000,,\n", encoding="utf-8")
    micro = tmp / "m.csv"
    rows = ["统一社会信用代码,县市区,月份,工业总产值,工业增加值,营业收入,研发费用,利润总额"]
    rows += [f"{E4},吉首市,2024-{m:02d},200,50,200,10,5" for m in range(1, 13)]
    micro.write_text("\n".join(rows) + "\n", encoding="utf-8")
    register = read_register([reg], plan)
    assert not register.has_errors, [p.render() for p in register.problems]
    years = read_enterprise_years([micro], plan)
    return {(p.uscc, p.pool): p for p in screen(register.enterprises, 2024, load_pool_rules(), years)}


def test_small_to_scale_entry_with_both_sides(proposals: dict) -> None:
    p = proposals[(E1, "small_to_scale")]
    assert p.kind is ProposalKind.ENTER
    growth = next(e for e in p.evidence if e.rule.id == "growth")
    assert growth.status is RuleStatus.MET and growth.value == pytest.approx(100 * (1400 / 1200 - 1))
    assert growth.explain() == "✓ 营业收入增长 ≥ 10%（成长性好，默认）：16.67% >= 10%"


def test_exit_when_recorded_scale(proposals: dict) -> None:
    p = proposals[(E2, "small_to_scale")]
    assert p.kind is ProposalKind.EXIT and [e.rule.id for e in p.evidence] == ["became_scale"]


def test_leader_moves_tier(proposals: dict) -> None:
    p = proposals[(E3, "leaders")]
    assert (p.kind, p.from_tier, p.tier) == (ProposalKind.MOVE, "yi1", "yi10")


def test_specialised_from_microdata_with_judgement_items(proposals: dict) -> None:
    # R&D 12 × 10 = 120 ≥ 100; revenue 12 × 200 = 2400; 120 / 2400 = 5% ≥ 3%
    p = proposals[(E4, "specialised")]
    by_id = {e.rule.id: e for e in p.evidence}
    assert by_id["rd_amount"].value == 120 and by_id["rd_share"].value == pytest.approx(5.0)
    assert by_id["niche_years"].status is RuleStatus.JUDGEMENT
    # innovative: growth (2400 / 2000 − 1) = 20% from the microdata year and the register's 2023
    assert proposals[(E4, "innovative")].kind is ProposalKind.ENTER


def test_no_proposal_on_missing_data(proposals: dict) -> None:
    # E4 has no 行业代码: 工业 cannot be told, so no 小升规 proposal; 2023 profit unknown, 2400 < 4000: no 上市后备
    assert (E4, "small_to_scale") not in proposals
    assert (E4, "listing_reserve") not in proposals
    assert (E1, "leaders") not in proposals


def test_bad_rules_file_is_located(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("pools:\n  - id: x\n    name: X\n    entry:\n      - {id: a, label: A, measure: nonsense}\n",
                 encoding="utf-8")
    with pytest.raises(ProblemsError) as err:
        load_pool_rules(f)
    assert any(p.code == "POOLS_FIELD_INVALID" and p.location.line == 5 for p in err.value.problems)


E5 = "91433101MA4LBE6P4K"
E6 = "91433101MA4LCF7Q7J"


def test_listing_reserve_follows_the_bse_standards(tmp_path: Path) -> None:
    plan = load_plan(None)
    reg = tmp_path / "r.csv"
    reg.write_text("统一社会信用代码,企业名称,县市区,行业代码\n"
                   f"{E5},戊,吉首市,C39\n{E6},己,吉首市,C39\n", encoding="utf-8")
    micro = tmp_path / "m.csv"
    rows = ["统一社会信用代码,县市区,月份,工业总产值,工业增加值,营业收入,研发费用,利润总额"]
    for year, revenue, rd, profit in ((2023, 1800, 150, 90), (2024, 2000, 170, 100)):
        rows += [f"{E5},吉首市,{year}-{m:02d},{revenue},500,{revenue},{rd},{profit}" for m in range(1, 13)]
    for year in (2023, 2024):
        rows += [f"{E6},吉首市,{year}-{m:02d},400,100,400,0,20" for m in range(1, 13)]
    micro.write_text("\n".join(rows) + "\n", encoding="utf-8")
    register = read_register([reg], plan)
    years = read_enterprise_years([micro], plan)
    found = {(p.uscc, p.pool): p for p in screen(register.enterprises, 2024, load_pool_rules(), years)}
    # 戊: revenue 2024 = 12 × 2000 = 24000 ≥ 20000 and R&D (12 × 150 + 12 × 170) ÷ (12 × 1800 + 12 × 2000)
    # = 3840 ÷ 45600 = 8.42% ≥ 8%: 北交所 standard 三. Profit 12 × 100 = 1200 < 2500 and the smaller
    # year 12 × 90 = 1080 < 1500 (standard 一 no); growth 24000 ÷ 21600 − 1 = 11.1% < 30% (二 no);
    # R&D 3840 < 5000 (四 no)
    p = found[(E5, "listing_reserve")]
    by_id = {e.rule.id: e for e in p.evidence}
    assert by_id["bse3_rd"].value == pytest.approx(3840 / 45600 * 100)
    assert by_id["bse3_revenue"].value == 24000
    assert by_id["market_value"].status is RuleStatus.JUDGEMENT
    # 己: revenue 12 × 400 = 4800 万元 with a profit (the earlier 四川 rule's 营收 ≥ 4000万 and 盈利
    # would propose it); it meets none of the four standards
    assert (E6, "listing_reserve") not in found
