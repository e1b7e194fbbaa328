"""Project counting: once at first signing, 升格/增资/调整业主/重复签约 as the rules say; totals; stuck."""

from __future__ import annotations

from datetime import date

from planwatch.projects.counting import DecisionKind, decide, load_counting_rules, stuck, totals
from planwatch.projects.record import InvestorOrigin, Project, ProjectNature, ProjectStage

S = ProjectStage
RULES = load_counting_rules()


def project(key: str, **kw: object) -> Project:
    base: dict = {"name": key, "investor": "某公司", "origin": InvestorOrigin.OUT_OF_PROVINCE, "county": "c1"}
    base.update(kw)
    return Project(key=key, **base)


PROJECTS = [
    project("p1", park="park1", chain="sub1", stage=S.STARTED, signed_amount=50000,
            stage_dates={S.SIGNED: date(2023, 3, 1), S.STARTED: date(2023, 9, 1)}),
    project("p2", stage=S.SIGNED, signed_amount=20000, nature=ProjectNature.CAPITAL_INCREASE, earlier="p1",
            stage_dates={S.SIGNED: date(2024, 5, 1)}),  # earlier 50000, now 20000? increase = max(0, …) = 0
    project("p3", stage=S.SIGNED, signed_amount=80000, nature=ProjectNature.CAPITAL_INCREASE, earlier="p1",
            stage_dates={S.SIGNED: date(2024, 6, 1)}),  # 80000 − 50000 = 30000
    project("p4", stage=S.SIGNED, signed_amount=99999, nature=ProjectNature.RESIGNED, earlier="p1",
            stage_dates={S.SIGNED: date(2024, 6, 1)}),
    project("p5", county="c2", stage=S.SIGNED, signed_amount=10000, origin=InvestorOrigin.LOCAL,
            stage_dates={S.SIGNED: date(2024, 1, 1)}),
    project("p6", county="c2", chain="sub1", stage=S.TALKS, stage_dates={S.TALKS: date(2022, 1, 1)}),
    project("p7", county="c2", chain="sub1", stage=S.SIGNED, signed_amount=12000, nature=ProjectNature.NEW_INVESTOR,
            stage_dates={S.SIGNED: date(2024, 2, 1)}),
]


def test_each_decision_explained() -> None:
    d = {x.project.key: x for x in decide(PROJECTS, RULES)}
    assert (d["p1"].kind, d["p1"].projects, d["p1"].amount, d["p1"].period) == (DecisionKind.COUNTED, 1, 50000, 2023)
    assert (d["p2"].projects, d["p2"].amount) == (0, 0.0)
    assert (d["p3"].kind, d["p3"].projects, d["p3"].amount) == (DecisionKind.EVENT, 0, 30000)
    assert d["p3"].reason.endswith("：80000 − 50000 = 30000 万元")
    assert (d["p4"].projects, d["p4"].amount) == (0, 0.0) and "不重复" in d["p4"].reason
    assert d["p5"].kind is DecisionKind.EXCLUDED and "本地" in d["p5"].reason
    assert d["p6"].kind is DecisionKind.NOT_SIGNED
    assert (d["p7"].kind, d["p7"].projects, d["p7"].amount) == (DecisionKind.COUNTED, 1, 12000)


def test_totals_count_each_project_once_per_scope() -> None:
    got = {(t.scope, t.year): (t.projects, t.amount) for t in totals(decide(PROJECTS, RULES), "region",
                                                                        {"sub1": "ind1"})}
    # 2023: p1 → region, c1, park1, sub1, ind1 (1 project, 50000)
    assert got[("region", 2023)] == (1, 50000) and got[("ind1", 2023)] == (1, 50000)
    # 2024: p3 adds 30000 to c1 (no project); p7 adds 1 project and 12000 to c2 and sub1; region 1, 42000
    assert got[("region", 2024)] == (1, 42000)
    assert got[("c1", 2024)] == (0, 30000) and got[("c2", 2024)] == (1, 12000)
    assert got[("sub1", 2024)] == (1, 12000)


def test_stuck_projects_longest_first() -> None:
    # p6 in talks since 2022-01-01: 2024-12-31 − 2022-01-01 = 1095 days > 365
    # p4 signed 2024-06-01: 213 days > 180; p1 started 2023-09-01: 487 days ≤ 730
    got = [(s.project.key, s.days) for s in stuck(PROJECTS, RULES, date(2024, 12, 31))]
    assert got[0] == ("p6", 1095)
    assert ("p4", 213) in got and all(k != "p1" for k, _ in got)
