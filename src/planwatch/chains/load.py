"""Load a plan's chain file: YAML, the schema, and every reference checked against the plan.

All problems are reported at once, located (file, line, path), in Chinese by default.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planwatch.chains.schema import Chain, ChainFile, Unit
from planwatch.domain.enums import ScopeKind, Severity
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.plan.load import Plan
from planwatch.yamlfile import YamlError, line_for, load_yaml, path_text, validation_problems


@dataclass(frozen=True)
class Chains:
    """A plan's chains, looked up by id, with their units."""

    file: ChainFile
    by_id: dict[str, Chain] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)

    @classmethod
    def of(cls, file: ChainFile) -> Chains:
        return cls(file, {c.id: c for c in file.chains}, {u.id: u for u in file.units})

    def __iter__(self) -> Any:
        return iter(self.file.chains)

    def category_name(self, category: str) -> str:
        for c in self.file.categories:
            if c.id == category:
                return c.name
        return category


def chain_file_path(plan: Plan) -> Path | None:
    """The file the plan names in ``plan.chain_file`` (beside the plan file), or None."""
    return plan.beside(plan.meta.chain_file or "")


def load_chains(plan: Plan, path: Path | None = None) -> Chains | None:
    """The plan's chains (None when the plan names no chain file)."""
    path = path or chain_file_path(plan)
    if path is None:
        return None
    if not path.exists():
        raise ProblemsError(
            [Problem("CHAIN_FILE_NOT_FOUND", Severity.ERROR, Location(file=str(path)), {"name": str(path)})]
        )
    return parse_chains(path.read_text(encoding="utf-8"), plan, file=path.name)


def parse_chains(text: str, plan: Plan, *, file: str = "<chains>") -> Chains:
    try:
        document = load_yaml(text, file=file, prefix="CHAIN")
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    data, lines = document.data, document.lines
    if not isinstance(data, dict):
        raise ProblemsError([Problem("CHAIN_NOT_MAPPING", Severity.ERROR, Location(file=file, line=1), {})])
    try:
        parsed = ChainFile.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(validation_problems(exc, file, lines, "CHAIN")) from None
    problems = list(check_references(parsed, plan, file, lines))
    if problems:
        raise ProblemsError(problems)
    return Chains.of(parsed)


def check_references(
    cf: ChainFile, plan: Plan, file: str, lines: dict[tuple[Any, ...], int]
) -> Iterable[Problem]:
    """What the schema cannot say: the plan's own ids, known units, nodes and categories, no repeats."""

    def bad(loc: tuple[Any, ...], what: str, ref: object) -> Problem:
        where = Location(file=file, path=path_text(loc), line=line_for(lines, loc))
        return Problem(
            "CHAIN_UNKNOWN_REF", Severity.ERROR, where, {"field": path_text(loc), "what": what, "ref": ref}
        )

    def dup(loc: tuple[Any, ...], what: str, ref: object) -> Problem:
        where = Location(file=file, path=path_text(loc), line=line_for(lines, loc))
        return Problem("CHAIN_DUPLICATE_ID", Severity.ERROR, where, {"what": what, "id": ref})

    if cf.plan != plan.meta.id:
        yield bad(("plan",), "规划", cf.plan)
    units = {u.id for u in cf.units}
    categories = {c.id for c in cf.categories}
    for what, ids, key in (
        ("责任单位", [u.id for u in cf.units], "units"),
        ("问题类别", [c.id for c in cf.categories], "categories"),
        ("产业链", [c.id for c in cf.chains], "chains"),
    ):
        seen: set[str] = set()
        for i, x in enumerate(ids):
            if x in seen:
                yield dup((key, i, "id"), what, x)
            seen.add(x)
    for i, u in enumerate(cf.units):
        if u.scope is not None and u.scope not in plan.scopes:
            yield bad(("units", i, "scope"), "范围", u.scope)
    for i, rule in enumerate(cf.deadlines.rules):
        if rule.category not in categories:
            yield bad(("deadlines", "rules", i, "category"), "问题类别", rule.category)
    for ci, c in enumerate(cf.chains):
        scope = plan.scopes.get(c.id)
        if scope is None or scope.kind is not ScopeKind.INDUSTRY:
            yield bad(("chains", ci, "id"), "产业链（规划中的产业范围）", c.id)
        if c.office is not None and c.office not in units:
            yield bad(("chains", ci, "office"), "责任单位", c.office)
        for ri, r in enumerate(c.roles):
            if r.unit is not None and r.unit not in units:
                yield bad(("chains", ci, "roles", ri, "unit"), "责任单位", r.unit)
        for ai, a in enumerate(c.areas):
            if a not in plan.scopes:
                yield bad(("chains", ci, "areas", ai), "范围", a)
        node_ids: set[str] = set()
        for ni, n in enumerate(c.nodes):
            if n.id in node_ids:
                yield dup(("chains", ci, "nodes", ni, "id"), "节点", n.id)
            node_ids.add(n.id)
        for ni, n in enumerate(c.nodes):
            if n.parent is not None and n.parent not in node_ids:
                yield bad(("chains", ci, "nodes", ni, "parent"), "节点", n.parent)
        for ti, t in enumerate(c.investment_targets):
            if t.node is not None and t.node not in node_ids:
                yield bad(("chains", ci, "investment_targets", ti, "node"), "节点", t.node)
