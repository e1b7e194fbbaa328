"""The register's 产业链环节 column: which nodes of the plan's chain file an enterprise works at.

A value names one or more nodes, separated by ；, ;, | or a line break (node names themselves hold
、 and ，): ``chain:node`` ids (``new_energy:cell``), a chain by name or id and a node by name or id
(``新能源:电芯制造``), or a node name or id alone when one chain of the file has it (or one of the
enterprise's own chains, when several have it). The chains and nodes are the chain file's
(``plan.chain_file``); this code knows none of them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from planwatch.chains.load import Chains
from planwatch.plan.load import Plan

SEPARATORS = re.compile(r"[；;|\n]+")
_CHAIN_SEP = re.compile(r"\s*[:：]\s*")


def node_id(chain: str, node: str) -> str:
    """The register's id of a node: ``chain:node``."""
    return f"{chain}:{node}"


def split_node_id(value: str) -> tuple[str, str]:
    chain, _, node = value.partition(":")
    return chain, node


@dataclass(frozen=True, slots=True)
class NodeError:
    """Why a part of the value names no node (a problem code and its parameters)."""

    code: str
    params: dict[str, str]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _chain_of(chains: Chains, plan: Plan, text: str) -> str | None:
    if text in chains.by_id:
        return text
    scope = plan.find_scope(text)
    if scope is not None and scope.id in chains.by_id:
        return scope.id
    return None


def _nodes_named(chains: Chains, text: str, only: str | None = None) -> list[str]:
    """``chain:node`` ids whose node id or name is ``text`` (in one chain when ``only``)."""
    want = _norm(text)
    out = []
    for chain in chains:
        if only is not None and chain.id != only:
            continue
        for node in chain.nodes:
            if want in (_norm(node.id), _norm(node.name)):
                out.append(node_id(chain.id, node.id))
    return out


def node_label(chains: Chains, plan: Plan, value: str) -> str:
    """「新能源：电芯制造」 for ``new_energy:cell`` (the id itself when the file lacks it)."""
    chain_id, nid = split_node_id(value)
    chain = chains.by_id.get(chain_id)
    node = next((n for n in chain.nodes if n.id == nid), None) if chain else None
    if chain is None or node is None:
        return value
    scope = plan.scopes.get(chain_id)
    return f"{scope.name if scope else chain_id}：{node.name}"


def _hint(chains: Chains, plan: Plan, text: str, only: str | None) -> str:
    names = {node_label(chains, plan, node_id(c.id, n.id)): n.name for c in chains for n in c.nodes
             if only is None or c.id == only}
    close = difflib.get_close_matches(text, list(names.values()), n=5, cutoff=0.4)
    labels = [label for label, name in names.items() if name in close]
    return f"（是否为：{'、'.join(labels)}？）" if labels else ""


def resolve_nodes(text: str, chains: Chains, plan: Plan,
                  own_chains: tuple[str, ...] = ()) -> tuple[tuple[str, ...], list[NodeError]]:
    """The ``chain:node`` ids a value names (sorted, once each) and an error per part naming none."""
    found: list[str] = []
    errors: list[NodeError] = []
    own = {plan.scopes[c].parent if c in plan.scopes and c not in chains.by_id else c for c in own_chains}
    for raw in SEPARATORS.split(text):
        part = raw.strip()
        if not part:
            continue
        pieces = _CHAIN_SEP.split(part, maxsplit=1)
        if len(pieces) == 2 and pieces[0] and pieces[1]:
            chain = _chain_of(chains, plan, pieces[0])
            if chain is None:
                errors.append(NodeError("REG_NODE_CHAIN_UNKNOWN", {
                    "value": part, "chain": pieces[0],
                    "known": "、".join(plan.scopes[c.id].name if c.id in plan.scopes else c.id for c in chains)}))
                continue
            hits = _nodes_named(chains, pieces[1], only=chain)
            if not hits:
                errors.append(NodeError("REG_NODE_UNKNOWN", {
                    "value": part, "hint": _hint(chains, plan, pieces[1], chain)}))
                continue
            found.extend(hits)
            continue
        hits = _nodes_named(chains, part)
        if len(hits) > 1:
            mine = [h for h in hits if split_node_id(h)[0] in own]
            hits = mine if len(mine) == 1 else hits
        if not hits:
            errors.append(NodeError("REG_NODE_UNKNOWN", {"value": part, "hint": _hint(chains, plan, part, None)}))
        elif len(hits) > 1:
            errors.append(NodeError("REG_NODE_AMBIGUOUS", {
                "value": part, "choices": "、".join(hits)}))
        else:
            found.extend(hits)
    return tuple(sorted(set(found))), errors
