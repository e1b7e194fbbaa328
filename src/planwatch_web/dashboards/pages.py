"""What each dashboard page shows, for one audience: the cockpit, a scope, an indicator, "how computed".

The signed-in pages (namespace ``dashboards``) and the public ones (``public``) render the same
templates from these contexts; only the audience (which values) and the URL names differ. One engine
run per request at most (``data.snapshot``, cached per data version), no query per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from planwatch.assess.results import Assessment
from planwatch.domain.enums import GroupRole, Measure, ScopeKind, TargetKind
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.presentation import is_table_row, view
from planwatch.plan.schema import Scope, Target
from planwatch_web.core.plan import (
    get_plan,
    indicator_label,
    indicator_name,
    is_english,
    scope_label,
    scope_name,
    unit_label,
)
from planwatch_web.dashboards import charts, explain, present
from planwatch_web.dashboards.data import Audience, Snapshot, choose_as_of_with_coverage, snapshot
from planwatch_web.dashboards.series import target_points
from planwatch_web.dashboards.sparkline import progress_bar, sparkline
from planwatch_web.submissions.access import AnyUser, submissions_for_user

LEVEL_KINDS = (TargetKind.LEVEL, TargetKind.SHARE, TargetKind.COUNT_RANGE)

@dataclass(frozen=True)
class Urls:
    """URL names the templates link with (signed-in or public)."""

    namespace: str

    @property
    def index(self) -> str:
        return "dashboards:index" if self.namespace == "dashboards" else "public:indicators"

    @property
    def scope(self) -> str:
        return f"{self.namespace}:scope"

    @property
    def indicator(self) -> str:
        return f"{self.namespace}:indicator"

    @property
    def explain(self) -> str:
        return f"{self.namespace}:explain"


def _row(plan: Plan, snap: Snapshot, a: Assessment) -> dict[str, Any]:
    r = present.row(a)
    level = a.kind in LEVEL_KINDS
    proj = present.headline_projection(a)
    pts = target_points(plan, snap.table, a, snap.as_of)
    return {
        "r": r,
        "a": a,
        "indicator_name": indicator_label(a.indicator, plan),
        "scope_name": scope_label(a.scope_id, plan),
        "unit": unit_label(a.unit),
        "spark": sparkline(
            pts,
            target=a.target if level else None,
            target_year=a.target_year if level else None,
            projection=proj.value if level and proj is not None else None,
            label=indicator_label(a.indicator, plan),
        ),
        "bar": progress_bar(
            a.completion,
            a.time_elapsed,
            _("完成进度 %(c)s，时序进度 %(t)s") % {"c": r.completion, "t": r.time},
        ),
        "seq": _seq(a.source),
    }


def _seq(source: str) -> str:
    """The row number the plan's table gives the target ('… 序号12; …' → 12), or ''."""
    m = re.search(r"序号\s*(\d+)", source.split(";")[0])
    return m.group(1) if m else ""


def _base(audience: Audience, user: AnyUser, requested: str | None) -> dict[str, Any]:
    as_of, choices, coverage = choose_as_of_with_coverage(user, requested)
    return {
        "as_of": as_of,
        "as_of_text": present.period_text(as_of) if as_of else "",
        "choices": [(str(p), f"{present.period_text(p)} · {coverage[p].percent}%") for p in choices],
        "coverage": coverage.get(as_of) if as_of else None,
        "urls": Urls("public" if audience.public else "dashboards"),
        "public": audience.public,
        "published_only": audience.published_only,
        "own_scopes": sorted(audience.own_scopes),
    }


def cockpit(audience: Audience, user: AnyUser, requested: str | None) -> dict[str, Any]:
    ctx = _base(audience, user, requested)
    as_of: Period | None = ctx["as_of"]
    if as_of is None:
        return ctx | {"rows": [], "sections": []}
    plan = get_plan()
    snap = snapshot(audience, as_of, plan)
    region = plan.meta.region
    main = {t.id for t in view(plan).main_targets()}
    rows = [_row(plan, snap, a) for a in snap.for_scope(region) if a.target_id in main and a.status is not None]
    sections = cockpit_sections(plan, snap)
    return ctx | {
        "rows": rows,
        "sections": sections,
        "region": plan.scopes[region],
        "region_name": scope_label(region, plan),
        "synthetic": any(a.synthetic for a in snap.assessments),
    }


def cockpit_sections(plan: Plan, snap: Snapshot) -> list[dict[str, Any]]:
    """The cockpit's drill-down tables, from the plan's groups (docs/plan-file.md §presentation).

    One table per group other than the main one, in the groups' order, titled as the plan titles it:
    a row per scope of the group's targets (in plan order, a total after its members), a column per
    indicator. Targets of sub-units that no group takes get a table per kind of unit after them, under
    the plan's words for it, so every target of a sub-unit is reachable from the cockpit.
    """
    pres = view(plan)
    region = plan.meta.region
    english = is_english()
    tables: list[tuple[str, str, str, list[Target]]] = []
    taken: set[str] = set()
    for g in pres.groups:
        if g.role is GroupRole.MAIN:
            taken |= {t.id for t in g.targets}
            continue
        rows = [t for t in g.targets if t.scope != region and t.assessed]
        taken |= {t.id for t in g.targets}
        if rows:
            tables.append((g.id, g.title_en if english else g.title, g.cited if g.cite and not english else "", rows))
    leftovers: dict[GroupRole, list[Target]] = {}
    for t in plan.targets:
        if t.id in taken or t.scope == region or not t.assessed or not is_table_row(t):
            continue
        leftovers.setdefault(pres.role_of_target(t), []).append(t)
    for role, targets in leftovers.items():
        title_zh, title_en = pres.default_title(role)
        tables.append((f"other_{role.value}", title_en if english else title_zh, "", targets))
    return [_matrix(plan, snap, gid, title, cite, targets) for gid, title, cite, targets in tables]


def _matrix(plan: Plan, snap: Snapshot, gid: str, title: str, cite: str, targets: list[Target]) -> dict[str, Any]:
    scope_ids = {t.scope for t in targets}
    scopes = [s for s in plan.scopes.values() if s.id in scope_ids]
    # A total (kind group) after its members.
    scopes.sort(key=lambda s: s.kind is ScopeKind.GROUP)
    indicators = list(dict.fromkeys(t.indicator for t in targets))
    by_key = {(t.indicator, t.scope): t.id for t in targets}
    table = []
    for s in scopes:
        cells = []
        for ind in indicators:
            tid = by_key.get((ind, s.id))
            a = snap.by_target.get(tid) if tid is not None else None
            cells.append({"indicator": ind, "a": a, "r": present.row(a) if a else None})
        table.append({"scope": s, "name": scope_name(s), "cells": cells})
    return {
        "name": gid,
        "title": title,
        "cite": cite,
        "indicators": [(i, indicator_label(i, plan), unit_label(plan.indicators[i].unit)) for i in indicators],
        "rows": table,
    }


def _charts(plan: Plan, snap: Snapshot, items: list[Assessment]) -> dict[str, Any]:
    return {
        a.target_id: charts.figure(plan, snap.table, a, snap.as_of) for a in items if a.status is not None
    }


def scope_page(audience: Audience, user: AnyUser, scope_id: str, requested: str | None) -> dict[str, Any]:
    plan = get_plan()
    scope = plan.scopes.get(scope_id)
    if scope is None or not any(t.scope == scope_id for t in plan.targets):
        raise Http404
    ctx = _base(audience, user, requested)
    ctx |= {"scope": scope, "name": scope_name(scope), "kind": _kind_label(scope)}
    ctx |= {
        "parent": plan.scopes.get(scope.parent) if scope.parent else None,
        "children": _with_targets(plan, plan.children(scope_id)),
        "members": _with_targets(plan, [plan.scopes[m] for m in scope.members if m in plan.scopes]),
    }
    as_of = ctx["as_of"]
    if as_of is None:
        return ctx | {"rows": [], "charts": {}}
    snap = snapshot(audience, as_of, plan)
    items = snap.for_scope(scope_id)
    return ctx | {
        "rows": [_row(plan, snap, a) for a in items],
        "charts": _charts(plan, snap, items),
        "synthetic": any(a.synthetic for a in items),
    }


def indicator_page(
    audience: Audience, user: AnyUser, indicator_id: str, requested: str | None
) -> dict[str, Any]:
    plan = get_plan()
    indicator = plan.indicators.get(indicator_id)
    if indicator is None or not any(t.indicator == indicator_id for t in plan.targets):
        raise Http404
    ctx = _base(audience, user, requested)
    ctx |= {
        "indicator": indicator,
        "name": indicator_name(indicator),
        "unit": unit_label(indicator.unit),
        "direction": _("越大越好") if indicator.direction.value == "up" else _("越小越好"),
        "definition": "" if is_english() else indicator.definition,
    }
    as_of = ctx["as_of"]
    if as_of is None:
        return ctx | {"rows": [], "charts": {}}
    snap = snapshot(audience, as_of, plan)
    items = snap.for_indicator(indicator_id)
    return ctx | {
        "rows": [_row(plan, snap, a) for a in items],
        "charts": _charts(plan, snap, items),
        "synthetic": any(a.synthetic for a in items),
    }


def explain_page(audience: Audience, user: AnyUser, target_id: str, requested: str | None) -> dict[str, Any]:
    plan = get_plan()
    if not any(t.id == target_id for t in plan.targets):
        raise Http404
    ctx = _base(audience, user, requested)
    as_of = ctx["as_of"]
    if as_of is None:
        return ctx | {"a": None}
    snap = snapshot(audience, as_of, plan)
    a = snap.by_target[target_id]
    return ctx | {
        "a": a,
        "r": present.row(a),
        "indicator_name": indicator_label(a.indicator, plan),
        "scope_name": scope_label(a.scope_id, plan),
        "e": explain.explain(a),
        "observations": _observations(plan, snap, a, user, audience),
        "notes": present.note_texts(a),
        "chart": {a.target_id: charts.figure(plan, snap.table, a, as_of)},
        "one_row": [_row(plan, snap, a)],
    }


def _observations(
    plan: Plan, snap: Snapshot, a: Assessment, user: AnyUser, audience: Audience
) -> list[dict[str, Any]]:
    """The observations the engine used, each with where it came from (a form the user may open)."""
    used = a.inputs.get("observations") or []
    scope = plan.scopes[a.scope_id]
    candidates = [a.scope_id, *scope.members]
    rows: list[dict[str, Any]] = []
    keys: set[tuple[str, str]] = set()
    for o in used:
        origin = str(o.get("origin") or "")
        found_scope = None
        if origin != "plan:history":
            period = Period.parse(o["period"])
            for sid in candidates:
                hit = snap.table.get(a.indicator, sid, period, Measure(o["measure"]))
                if hit is not None and hit.origin == origin:
                    found_scope = sid
                    break
        if found_scope is not None:
            keys.add((found_scope, str(o["period"])))
        rows.append(
            {
                "period": present.period_text(o["period"]),
                "measure": explain.measure_label(o["measure"]),
                "value": present.quantity_text(o.get("value"), a.unit),
                "source": o.get("source") or "",
                "origin": origin,
                "from_plan": origin == "plan:history",
                "scope": found_scope,
                "scope_name": scope_label(found_scope, plan) if found_scope else "",
                "key": (found_scope, str(o["period"])) if found_scope else None,
                "submission": None,
            }
        )
    if keys and not audience.public:
        # One query: the forms behind these values that the user may open (access decides).
        found = {
            (s.scope_id, s.period.period): s.pk
            for s in submissions_for_user(user).filter(
                scope_id__in={k[0] for k in keys}, period__period__in={k[1] for k in keys}
            )
        }
        for row in rows:
            if row["key"] is not None:
                row["submission"] = found.get(row["key"])
    return rows


def _with_targets(plan: Plan, scopes: list[Scope]) -> list[tuple[str, str]]:
    with_targets = {t.scope for t in plan.targets}
    return [(s.id, scope_name(s)) for s in scopes if s.id in with_targets]


def _kind_label(scope: Scope) -> str:
    labels = {
        ScopeKind.PROVINCE: _("省"),
        ScopeKind.PREFECTURE: _("州"),
        ScopeKind.COUNTY: _("县市"),
        ScopeKind.ZONE: _("县级园区"),
        ScopeKind.PARK: _("园区"),
        ScopeKind.INDUSTRY: _("产业链"),
        ScopeKind.SUBINDUSTRY: _("细分产业"),
        ScopeKind.GROUP: _("合计"),
    }
    return labels[scope.kind]
