"""Load a plan file: parse YAML, validate against the schema, check every cross-reference.

All problems are collected at once, each with its YAML path and line, in Chinese by default.
``load_plan`` raises ``ProblemsError`` on any error; a loaded ``Plan`` is always consistent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planwatch.domain.enums import Measure, ScopeKind, Severity
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.os_errors import os_reason
from planwatch.plan.schema import (
    HistoryRow,
    Indicator,
    PlanFile,
    PlanMeta,
    Presentation,
    RuleError,
    Scope,
    Target,
)
from planwatch.yamlfile import YamlError, line_for, load_yaml, path_text, pydantic_detail

DEFAULT_PLAN = "xiangxi_2021_2025"
_SPAN = re.compile(r"^(\d{4})-(\d{4})$")


def bundled_plans() -> list[str]:
    """Ids of the plans that ship with planwatch."""
    folder = resources.files("planwatch.plans")
    # A file a plan names beside it (xiangxi_2021_2025.rank_county.yaml) has a dot in its stem: not a plan.
    stems = (p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))
    return sorted(s for s in stems if "." not in s)


def resolve_plan_path(name: str | Path | None) -> Path:
    """A file path, or the id of a bundled plan (default: the Xiangxi plan)."""
    if name is None:
        name = DEFAULT_PLAN
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise ProblemsError([Problem("PLAN_NOT_FOUND", Severity.ERROR, Location(file=str(name)), {"name": str(name)})])
        return path
    key = str(name).replace("-", "_")
    candidate = Path(str(resources.files("planwatch.plans").joinpath(f"{key}.yaml")))
    if not candidate.exists():
        raise ProblemsError(
            [Problem("PLAN_NOT_FOUND", Severity.ERROR, Location(file=str(name)), {"name": str(name)})]
        )
    return candidate


@dataclass
class Plan:
    """A validated plan with lookups by id and by Chinese name."""

    meta: PlanMeta
    scopes: dict[str, Scope]
    indicators: dict[str, Indicator]
    targets: list[Target]
    history: list[HistoryRow]
    path: Path | None = None
    presentation: Presentation = field(default_factory=Presentation)
    _scope_names: dict[str, str] = field(default_factory=dict)
    _indicator_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for s in self.scopes.values():
            for name in (s.id, s.name, *s.aliases):
                self._scope_names.setdefault(_norm(name), s.id)
        for i in self.indicators.values():
            for name in (i.id, i.name, *i.aliases):
                self._indicator_names.setdefault(_norm(name), i.id)

    # -- lookups --------------------------------------------------------------------------------
    def find_scope(self, text: str) -> Scope | None:
        sid = self._scope_names.get(_norm(text))
        return self.scopes[sid] if sid else None

    def find_indicator(self, text: str) -> Indicator | None:
        iid = self._indicator_names.get(_norm(text))
        return self.indicators[iid] if iid else None

    def suggest_scopes(self, text: str, n: int = 3) -> list[str]:
        return _suggest(text, [s.name for s in self.scopes.values()] + list(self.scopes), n)

    def suggest_indicators(self, text: str, n: int = 3) -> list[str]:
        return _suggest(text, [i.name for i in self.indicators.values()] + list(self.indicators), n)

    @property
    def region(self) -> Scope:
        return self.scopes[self.meta.region]

    def scopes_of_kind(self, *kinds: ScopeKind) -> list[Scope]:
        return [s for s in self.scopes.values() if s.kind in kinds]

    def beside(self, name: str) -> Path | None:
        """A file the plan names (chain, microdata, ranking files): relative names sit beside the plan file."""
        if not name:
            return None
        path = Path(name)
        if not path.is_absolute() and self.path is not None:
            path = self.path.parent / path
        return path

    def county_level(self) -> list[Scope]:
        """The eight counties and 湘西高新区, in plan order (表3)."""
        return [s for s in self.scopes.values() if s.kind.is_county_level]

    def parks(self) -> list[Scope]:
        """The nine industrial parks, in plan order (表2)."""
        return [s for s in self.scopes.values() if s.kind.is_park]

    def industries(self) -> list[Scope]:
        return self.scopes_of_kind(ScopeKind.INDUSTRY)

    def children(self, scope_id: str) -> list[Scope]:
        return [s for s in self.scopes.values() if s.parent == scope_id]

    def ancestors(self, scope_id: str) -> list[Scope]:
        out: list[Scope] = []
        current = self.scopes[scope_id].parent
        while current is not None:
            out.append(self.scopes[current])
            current = self.scopes[current].parent
        return out

    def targets_for(
        self, *, scope: str | None = None, indicator: str | None = None, assessed_only: bool = False
    ) -> list[Target]:
        return [
            t
            for t in self.targets
            if (scope is None or t.scope == scope)
            and (indicator is None or t.indicator == indicator)
            and (t.assessed or not assessed_only)
        ]

    def target(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(target_id)

    def direction_of(self, t: Target) -> Any:
        return t.direction or self.indicators[t.indicator].direction

    # -- history -------------------------------------------------------------------------------
    def history_observations(self) -> ObservationTable:
        """The plan's own reported figures as observations (five-year spans are left out: see span_history)."""
        table = ObservationTable()
        for h in self.history:
            if _SPAN.match(h.period):
                continue
            table.add(
                Observation(
                    indicator=h.indicator,
                    scope=h.scope,
                    period=Period.parse(h.period),
                    value=h.value,
                    measure=h.measure,
                    source=f"规划文本 {h.source}",
                    note=h.note,
                    origin="plan:history",
                )
            )
        return table

    def span_history(self) -> list[HistoryRow]:
        """History rows that are totals over several years ('2016-2020')."""
        return [h for h in self.history if _SPAN.match(h.period)]


def _norm(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’（）()]", "", text).lower()


def _suggest(text: str, names: Sequence[str], n: int) -> list[str]:
    if len(text) > 200:  # difflib is quadratic: no name is this long, so nothing is close
        return []
    norm = {_norm(x): x for x in names}
    hits = difflib.get_close_matches(_norm(text), list(norm), n=n, cutoff=0.5)
    # substring matches help with Chinese names where one character differs in length
    subs = [k for k in norm if _norm(text) and (_norm(text) in k or k in _norm(text))]
    ordered: list[str] = []
    for k in [*hits, *subs]:
        if norm[k] not in ordered:
            ordered.append(norm[k])
    return ordered[:n]


# -- loading ------------------------------------------------------------------------------------
def load_plan(name: str | Path | None = None) -> Plan:
    path = resolve_plan_path(name)
    return parse_plan(read_text(path), file=str(path), path=path)


def read_text(path: Path) -> str:
    """A plan file's text; a folder, a pipe, an unreadable or non-UTF-8 file is a located problem."""
    where = Location(file=str(path))
    if not path.is_file():
        raise ProblemsError([Problem("PLAN_UNREADABLE", Severity.ERROR, where,
                                     {"file": str(path), "detail": "不是普通文件（是目录或管道）"})])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProblemsError([Problem("PLAN_UNREADABLE", Severity.ERROR, where,
                                     {"file": str(path), "detail": os_reason(exc)})]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemsError([Problem("PLAN_ENCODING", Severity.ERROR, Location(file=str(path), line=line),
                                     {"file": str(path), "line": line})]) from None


def parse_plan(text: str, *, file: str = "<plan>", path: Path | None = None) -> Plan:
    problems: list[Problem] = []
    try:
        document = load_yaml(text, file=file, prefix="PLAN")
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    data, lines = document.data, document.lines
    if not isinstance(data, dict):
        # Not a mapping at all (an empty file, a list, another file given by mistake).
        raise ProblemsError(
            [Problem("PLAN_NOT_MAPPING", Severity.ERROR, Location(file=file), {})]
        )
    try:
        parsed = PlanFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, file, lines))
        raise ProblemsError(problems) from None
    problems.extend(check_references(parsed, file, lines))
    if problems:
        raise ProblemsError(problems)
    return Plan(
        meta=parsed.plan,
        scopes={s.id: s for s in parsed.scopes},
        indicators={i.id: i for i in parsed.indicators},
        targets=list(parsed.targets),
        history=list(parsed.history),
        path=path,
        presentation=parsed.presentation,
    )


def _schema_problems(exc: ValidationError, file: str, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        # pydantic adds the validator's name for model-level errors on union/tagged members; drop non-path parts
        field_path = path_text(loc)
        where = Location(file=file, path=field_path, line=line_for(lines, loc))
        etype = err["type"]
        if etype == "missing":
            out.append(Problem("PLAN_FIELD_MISSING", Severity.ERROR, where, {"field": field_path}))
        elif etype == "extra_forbidden":
            out.append(Problem("PLAN_FIELD_UNKNOWN", Severity.ERROR, where, {"field": field_path}))
        elif etype == "value_error" and isinstance(err.get("ctx", {}).get("error"), RuleError):
            rule = err["ctx"]["error"]
            out.append(Problem(rule.code, Severity.ERROR, where, {"field": field_path or "plan", **rule.params}))
        elif etype == "value_error":
            detail = str(err.get("ctx", {}).get("error", err["msg"]))
            out.append(Problem("PLAN_RULE", Severity.ERROR, where, {"field": field_path or "plan", "detail": detail}))
        else:
            detail = pydantic_detail(err)
            out.append(
                Problem(
                    "PLAN_FIELD_INVALID",
                    Severity.ERROR,
                    where,
                    {"field": field_path, "value": repr(err.get("input")), "detail": detail},
                )
            )
    return out


def check_references(plan: PlanFile, file: str, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """Cross-field rules the schema cannot express: unique ids and names, known references, no cycles."""
    problems: list[Problem] = []

    def at(*loc: Any) -> Location:
        return Location(file=file, path=path_text(loc), line=line_for(lines, loc))

    def unique(items: Sequence[Any], section: str, what: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(Problem("PLAN_DUPLICATE_ID", Severity.ERROR, at(section, i, "id"), {"what": what, "id": item.id}))
            seen.add(item.id)
        return seen

    scope_ids = unique(plan.scopes, "scopes", "范围")
    indicator_ids = unique(plan.indicators, "indicators", "指标")
    target_ids = unique(plan.targets, "targets", "目标")

    def names_unique(items: Sequence[Any], section: str) -> None:
        owner: dict[str, str] = {}
        for i, item in enumerate(items):
            for name in (item.name, *item.aliases):
                key = _norm(name)
                if key in owner and owner[key] != item.id:
                    problems.append(
                        Problem(
                            "PLAN_DUPLICATE_NAME",
                            Severity.ERROR,
                            at(section, i, "name"),
                            {"name": name, "first": owner[key], "second": item.id},
                        )
                    )
                owner.setdefault(key, item.id)

    names_unique(plan.scopes, "scopes")
    names_unique(plan.indicators, "indicators")

    def ref(value: str | None, known: set[str], what: str, *loc: Any) -> None:
        if value is None or value in known:
            return
        close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.5)
        hint = f"（是否为：{'、'.join(close)}？）" if close else ""
        problems.append(
            Problem(
                "PLAN_UNKNOWN_REF",
                Severity.ERROR,
                at(*loc),
                {"field": path_text(loc), "what": what, "ref": value, "hint": hint},
            )
        )

    ref(plan.plan.region, scope_ids, "范围", "plan", "region")
    for i, s in enumerate(plan.scopes):
        ref(s.parent, scope_ids, "范围", "scopes", i, "parent")
        ref(s.subset_of, scope_ids, "范围", "scopes", i, "subset_of")
        ref(s.subset_indicator, indicator_ids, "指标", "scopes", i, "subset_indicator")
        for j, m in enumerate(s.members):
            ref(m, scope_ids, "范围", "scopes", i, "members", j)
    for i, ind in enumerate(plan.indicators):
        ref(ind.flow_of, indicator_ids, "指标", "indicators", i, "flow_of")
        for j, part in enumerate(ind.parts):
            ref(part, indicator_ids, "指标", "indicators", i, "parts", j)
        if ind.formula is not None:
            ref(ind.formula.numerator, indicator_ids, "指标", "indicators", i, "formula", "numerator")
            ref(ind.formula.denominator, indicator_ids, "指标", "indicators", i, "formula", "denominator")
    for i, t in enumerate(plan.targets):
        ref(t.indicator, indicator_ids, "指标", "targets", i, "indicator")
        ref(t.scope, scope_ids, "范围", "targets", i, "scope")
        ref(t.chain, scope_ids, "范围", "targets", i, "chain")
        ref(t.growth_of, target_ids, "目标", "targets", i, "growth_of")
        if t.compare_to is not None:
            ref(t.compare_to.scope, scope_ids, "范围", "targets", i, "compare_to", "scope")
            ref(t.compare_to.indicator, indicator_ids, "指标", "targets", i, "compare_to", "indicator")
    seen_hist: set[tuple[str, str, str, Measure]] = set()
    for i, h in enumerate(plan.history):
        ref(h.indicator, indicator_ids, "指标", "history", i, "indicator")
        ref(h.scope, scope_ids, "范围", "history", i, "scope")
        key = (h.indicator, h.scope, h.period, h.measure)
        if key in seen_hist:
            problems.append(
                Problem(
                    "PLAN_HISTORY_DUPLICATE",
                    Severity.ERROR,
                    at("history", i),
                    {"indicator": h.indicator, "scope": h.scope, "period": h.period, "measure": h.measure.value},
                )
            )
        seen_hist.add(key)
    target_ids = {t.id for t in plan.targets}
    pres = plan.presentation
    group_ids = {g.id for g in pres.groups}
    for i, g in enumerate(pres.groups):
        for j, tid in enumerate(g.targets):
            ref(tid, target_ids, "目标", "presentation", "groups", i, "targets", j)
        for j, sid in enumerate(g.scopes):
            ref(sid, scope_ids, "范围", "presentation", "groups", i, "scopes", j)
    ref(pres.main_group, group_ids, "目标组", "presentation", "main_group")
    for j, iid in enumerate(pres.headline):
        ref(iid, indicator_ids, "指标", "presentation", "headline", j)
    ref(pres.trend, indicator_ids, "指标", "presentation", "trend")

    scope_edges = {s.id: [("members", m) for m in s.members] for s in plan.scopes}
    indicator_edges = {
        i.id: [("parts", p) for p in i.parts]
        + ([("formula", i.formula.numerator), ("formula", i.formula.denominator)] if i.formula is not None else [])
        + ([("flow_of", i.flow_of)] if i.flow_of is not None else [])
        for i in plan.indicators
    }
    for what, edges in (("范围", scope_edges), ("指标", indicator_edges)):
        for via, chain in reference_cycles(edges):
            problems.append(Problem("PLAN_REF_CYCLE", Severity.ERROR, Location(file=file),
                                    {"what": what, "via": via, "chain": " → ".join(chain)}))

    parents = {s.id: s.parent for s in plan.scopes}
    reported: set[frozenset[str]] = set()
    for sid in parents:
        chain = [sid]
        current = parents.get(sid)
        while current is not None and current in parents:
            if current in chain:
                cycle = frozenset(chain[chain.index(current) :])
                if cycle not in reported:
                    reported.add(cycle)
                    problems.append(
                        Problem("PLAN_CYCLE", Severity.ERROR, Location(file=file), {"chain": " → ".join([*chain, current])})
                    )
                break
            chain.append(current)
            current = parents.get(current)
    return problems


def reference_cycles(edges: dict[str, list[tuple[str, str]]]) -> list[tuple[str, list[str]]]:
    """Every cycle through the references (each once), as (the fields it runs through, the ids in order).

    An iterative depth-first search (a plan of thousands of indicators cannot exhaust the stack); an
    edge to an unknown id is left to the reference check.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found: list[tuple[str, list[str]]] = []
    reported: set[frozenset[str]] = set()
    for start in edges:
        if state.get(start):
            continue
        path: list[str] = [start]
        fields: list[str] = []
        todo: list[list[tuple[str, str]]] = [list(edges[start])]
        state[start] = 1
        while todo:
            if not todo[-1]:
                state[path.pop()] = 2
                todo.pop()
                if fields:
                    fields.pop()
                continue
            via, nxt = todo[-1].pop(0)
            if nxt not in edges:
                continue
            if state.get(nxt) == 1:
                i = path.index(nxt)
                cycle = frozenset(path[i:])
                if cycle not in reported:
                    reported.add(cycle)
                    vias = "、".join(dict.fromkeys([*fields[i:], via]))
                    found.append((vias, [*path[i:], nxt]))
                continue
            if state.get(nxt) == 2:
                continue
            state[nxt] = 1
            path.append(nxt)
            fields.append(via)
            todo.append(list(edges[nxt]))
    return found
