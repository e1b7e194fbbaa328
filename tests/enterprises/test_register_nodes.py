"""The register's 产业链环节 column: nodes of the plan's chain file, checked, located, in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.chains.load import Chains, load_chains
from planwatch.domain.enums import Severity
from planwatch.enterprises.nodes import node_label, resolve_nodes
from planwatch.enterprises.read import read_register
from planwatch.plan.load import Plan, load_plan

JISHOU_A = "91433101MA4L7Q2R6E"
LUXI_A = "91433122MA4L8B3KXC"
HUAYUAN_A = "91433124MA4L9C4M06"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(None)


@pytest.fixture(scope="module")
def chains(plan: Plan) -> Chains:
    loaded = load_chains(plan)
    assert loaded is not None
    return loaded


def test_ids_names_and_chain_qualified_names(plan: Plan, chains: Chains) -> None:
    # new_energy:cell by id, 正极材料 (new_energy:cathode) by name, 酒业:白酒生产 by chain name and node name
    nodes, errors = resolve_nodes("new_energy:cell；正极材料; 酒业：白酒生产", chains, plan)
    assert errors == []
    assert nodes == ("liquor:liquor_making", "new_energy:cathode", "new_energy:cell")


def test_a_node_id_in_two_chains_is_ambiguous_unless_the_enterprise_chain_decides(plan: Plan, chains: Chains) -> None:
    # "packaging" is a node of 酒业 (liquor) and of 文旅产业 (culture_tourism)
    nodes, errors = resolve_nodes("packaging", chains, plan)
    assert nodes == () and [e.code for e in errors] == ["REG_NODE_AMBIGUOUS"]
    assert errors[0].params["choices"] == "liquor:packaging、culture_tourism:packaging"
    nodes, errors = resolve_nodes("packaging", chains, plan, own_chains=("liquor",))
    assert nodes == ("liquor:packaging",) and errors == []


def test_a_sub_industry_counts_as_its_chain(plan: Plan, chains: Chains) -> None:
    # nm_manganese is a sub-industry of new_materials; 锰矿石 is the node mn_ore of new_materials
    nodes, errors = resolve_nodes("锰矿石", chains, plan, own_chains=("nm_manganese",))
    assert nodes == ("new_materials:mn_ore",) and errors == []


def test_unknown_nodes_and_chains(plan: Plan, chains: Chains) -> None:
    nodes, errors = resolve_nodes("new_energy:正极材枓；航天:火箭", chains, plan)
    assert nodes == ()
    assert [e.code for e in errors] == ["REG_NODE_UNKNOWN", "REG_NODE_CHAIN_UNKNOWN"]
    assert "新能源：正极材料" in errors[0].params["hint"]


def test_label(plan: Plan, chains: Chains) -> None:
    assert node_label(chains, plan, "new_energy:cell") == "新能源：电芯制造"
    assert node_label(chains, plan, "new_energy:nowhere") == "new_energy:nowhere"


def test_the_reader_reads_checks_and_locates_the_column(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "r.csv"
    f.write_text("统一社会信用代码,企业名称,县市区,产业链,产业链环节\n"
                 f"{JISHOU_A},甲公司,吉首市,新能源,电芯制造；new_energy:pack\n"
                 f"{LUXI_A},乙公司,泸溪,酒业,packaging\n"
                 f"{HUAYUAN_A},丙公司,花垣,新能源,电芯制作\n", encoding="utf-8")
    result = read_register([f], plan)
    assert result.has_errors and result.enterprises == []  # nothing returned on an error
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].code == "REG_NODE_UNKNOWN"
    assert errors[0].location.row == 4 and errors[0].location.column == "产业链环节"
    text = errors[0].render()
    assert "产业链环节" in text and "电芯制作" in text and "新能源：电芯制造" in text


def test_the_reader_keeps_the_nodes_and_warns_of_another_chain(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "r.csv"
    f.write_text("统一社会信用代码,企业名称,县市区,产业链,chain_nodes\n"
                 f"{JISHOU_A},甲公司,吉首市,新能源,电芯制造；new_energy:pack\n"
                 f"{LUXI_A},乙公司,泸溪,酒业,packaging\n"
                 f"{HUAYUAN_A},丙公司,花垣,电子信息,new_energy:cell\n", encoding="utf-8")
    result = read_register([f], plan)
    assert not result.has_errors, [p.render() for p in result.problems]
    by_code = {e.uscc: e for e in result.enterprises}
    assert by_code[JISHOU_A].chain_nodes == ("new_energy:cell", "new_energy:pack")
    assert by_code[LUXI_A].chain_nodes == ("liquor:packaging",)
    warnings = [p for p in result.problems if p.code == "REG_NODE_OTHER_CHAIN"]
    assert len(warnings) == 1 and warnings[0].location.row == 4
