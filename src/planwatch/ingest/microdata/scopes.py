"""Which scopes of the plan each cell counts towards.

A cell (county-level unit × park × chain) adds to: the prefecture; its county-level unit; its park;
its chain and, for a sub-industry (铝, 锰, 两茶 …), the industry above it; and every group of the plan
(表2 合计 ``parks``, ``manufacturing_chains``, ``chains``) whose members are all named somewhere in
the records — a group with a member the records never name would be a partial total, so it is not
written. 湘西高新区 is both a county-level unit and a park: it is counted once.
"""

from __future__ import annotations

from planwatch.domain.enums import ScopeKind
from planwatch.ingest.microdata.names import Cell
from planwatch.plan.load import Plan


def complete_groups(cells: list[Cell], plan: Plan) -> list[str]:
    named: set[str] = set()
    for c in cells:
        named.add(c.county)
        if c.park:
            named.add(c.park)
        if c.chain:
            named.add(c.chain)
            parent = plan.scopes[c.chain].parent
            if plan.scopes[c.chain].kind is ScopeKind.SUBINDUSTRY and parent:
                named.add(parent)
    return [s.id for s in plan.scopes.values()
            if s.kind is ScopeKind.GROUP and s.members and set(s.members) <= named]


def cell_scopes(cells: list[Cell], plan: Plan) -> list[tuple[int, str, bool]]:
    """(cell, scope id, cell is in a park) for every scope each cell counts towards."""
    groups = [plan.scopes[g] for g in complete_groups(cells, plan)]
    out: list[tuple[int, str, bool]] = []
    for c in cells:
        scopes: list[str] = [plan.meta.region, c.county]
        if c.park:
            scopes.append(c.park)
        if c.chain:
            scopes.append(c.chain)
            chain = plan.scopes[c.chain]
            if chain.kind is ScopeKind.SUBINDUSTRY and chain.parent:
                scopes.append(chain.parent)
        for g in groups:
            if set(g.members) & set(scopes):
                scopes.append(g.id)
        for sid in dict.fromkeys(scopes):  # in order, each once (湘西高新区 is county and park)
            out.append((c.id, sid, c.park is not None))
    return out


def is_chain_scope(scope_id: str, plan: Plan) -> bool:
    """Industries, sub-industries and groups of industries call their output 产业链产值 (chain_output)."""
    s = plan.scopes[scope_id]
    if s.kind in (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY):
        return True
    return s.kind is ScopeKind.GROUP and bool(s.members) and all(
        plan.scopes[m].kind in (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY) for m in s.members
    )
