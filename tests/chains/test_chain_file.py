"""The chain file: the bundled plan's ten chains, and located errors for a bad file."""

from __future__ import annotations

import pytest

from planwatch.chains.load import chain_file_path, load_chains, parse_chains
from planwatch.chains.schema import NodeStatus, RoleKind
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import load_plan


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def chains(plan):
    found = load_chains(plan)
    assert found is not None
    return found


def test_the_plan_names_its_chain_file(plan) -> None:
    path = chain_file_path(plan)
    assert path is not None and path.name == f"{plan.meta.id}.chains.yaml" and path.exists()


def test_every_chain_of_the_plan_is_in_the_file(plan, chains) -> None:
    # The plan's group of chains (十大优势产业链) lists ten industries; the file has each, in that order.
    group = next(s for s in plan.scopes.values() if s.kind.value == "group" and s.id == "chains")
    assert [c.id for c in chains] == group.members
    assert len(group.members) == 10


def test_what_the_plan_does_not_say_is_left_to_fill(chains) -> None:
    for chain in chains:
        chief = [r for r in chain.roles if r.role is RoleKind.CHIEF]
        assert len(chief) == 1 and chief[0].to_fill and chief[0].person == ""
        assert chief[0].post == "州领导"  # 六（一）: 一名州领导
        assert chain.policies == []  # the plan names no policy document


def test_new_energy_gaps_come_from_the_plan(chains) -> None:
    ne = chains.by_id["new_energy"]
    missing = [n.name for n in ne.nodes if n.status is NodeStatus.MISSING]
    assert missing == [
        "正极材料",
        "负极材料",
        "隔膜",
        "电解液",
    ]  # 四（四）1（3）: 引进 正极、负极、隔膜、电解液
    assert ne.investment_targets[0].name == "比亚迪"


def test_default_time_limits(chains) -> None:
    assert chains.file.deadlines.default_lead == 7
    assert chains.file.deadlines.default_assist == 3


BAD = """
plan: xiangxi_2021_2025
source: 六（一）
package: {maps: [], lists: []}
units:
  - {id: office_a, name: 链办}
  - {id: office_a, name: 重复}
categories: [{id: land, name: 用地}]
deadlines: {rules: [{category: loans, role: lead, working_days: 5}]}
escalation: {name: 督查室}
chains:
  - id: jishou
    office: nobody
    nodes:
      - {id: a, name: 甲, stage: upstream, source: x}
      - {id: b, name: 乙, stage: midstream, parent: zz, source: x}
    source: x
"""


def test_every_bad_reference_is_reported_at_once(plan) -> None:
    with pytest.raises(ProblemsError) as info:
        parse_chains(BAD, plan, file="bad.yaml")
    got = sorted((p.code, p.location.path) for p in info.value.problems)
    assert got == [
        ("CHAIN_DUPLICATE_ID", "units[1].id"),
        ("CHAIN_UNKNOWN_REF", "chains[0].id"),  # 吉首市 is a county, not an industry
        ("CHAIN_UNKNOWN_REF", "chains[0].nodes[1].parent"),
        ("CHAIN_UNKNOWN_REF", "chains[0].office"),
        ("CHAIN_UNKNOWN_REF", "deadlines.rules[0].category"),
    ]
    office = next(p for p in info.value.problems if p.location.path == "chains[0].office")
    assert office.location.line == 13
    assert "nobody" in office.message("zh")


def test_a_schema_error_is_located_in_chinese(plan) -> None:
    text = BAD.replace("stage: upstream", "stage: sideways")
    with pytest.raises(ProblemsError) as info:
        parse_chains(text, plan, file="bad.yaml")
    (p,) = info.value.problems
    assert p.code == "CHAIN_FIELD_INVALID" and p.location.path == "chains[0].nodes[0].stage"
    assert "可选值" in p.message("zh")
