"""What a chain's workspace and brief show: targets from the engine (the cockpit's cached run), the
package's maps and lists, the problem list. Views only parse; these build the context."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from planwatch.chains.schema import Chain, InvestmentStatus, ListKind, MapView, NodeStatus, RoleKind, Stage
from planwatch.chains.workflow import Action, ProblemState, Transition, allowed_actions, is_overdue
from planwatch_web.chains import data
from planwatch_web.chains.access import actors_for, problems_for_user
from planwatch_web.chains.models import (
    ChainChange,
    ChainPolicy,
    ChainRoleFill,
    ChainTargetStatus,
    ExtensionState,
    ProblemItem,
    State,
)
from planwatch_web.chains.register import chain_enterprises, chain_projects, node_enterprises
from planwatch_web.core.plan import get_plan, is_english
from planwatch_web.dashboards.data import audience_for, choose_as_of, snapshot
from planwatch_web.dashboards.pages import Urls, _row
from planwatch_web.dashboards.present import period_text

GAP_STATUSES = (NodeStatus.WEAK, NodeStatus.MISSING)


def _name(obj: Any) -> str:
    return (getattr(obj, "name_en", "") or obj.name) if is_english() else obj.name


def targets(user: object, chain: Chain, requested: str | None) -> dict[str, Any]:
    """The chain's targets with progress, pace and projection, from the dashboards' cached engine run."""
    plan = get_plan()
    as_of, choices = choose_as_of(user, requested)
    ctx: dict[str, Any] = {
        "as_of": as_of,
        "as_of_text": period_text(as_of) if as_of else "",
        "choices": [(str(p), period_text(p)) for p in choices],
        "urls": Urls("dashboards"),
        "rows": [],
    }
    if as_of is None:
        return ctx
    snap = snapshot(audience_for(user), as_of, plan)
    ids = [t.id for t in plan.targets if t.chain == chain.id]
    ctx["rows"] = [_row(plan, snap, snap.by_target[i]) for i in ids if i in snap.by_target]
    return ctx


def node_rows(
    chain: Chain, view: MapView, on_nodes: dict[str, list[dict[str, Any]]] | None = None
) -> list[dict[str, Any]]:
    """The nodes a map shows, by stage, with the register's enterprises on each and the 招商 targets
    that would fill it. A node with no enterprise is a 补链 gap; the gaps view shows those and the
    nodes the plan calls weak or missing."""
    on_nodes = on_nodes or {}
    by_node: dict[str, list[str]] = {}
    for t in chain.investment_targets:
        if t.node:
            by_node.setdefault(t.node, []).append(f"{t.name}（{t.status.label_zh}）")
    rows = []
    for stage in Stage:
        for n in chain.nodes:
            firms = on_nodes.get(n.id, [])
            gap = not firms
            if n.stage is not stage or (view is MapView.GAPS and not gap and n.status not in GAP_STATUSES):
                continue
            rows.append(
                {
                    "node": n,
                    "name": _name(n),
                    "stage": stage.label_zh,
                    "status": n.status.label_zh,
                    "weak": n.status in GAP_STATUSES,
                    "gap": gap,
                    "enterprises": firms,
                    "leaders": sum(1 for f in firms if f["leader"]),
                    "targets": by_node.get(n.id, []),
                }
            )
    return rows


def map_summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Nodes shown, nodes with enterprises, 补链 gaps (nodes with none)."""
    gaps = sum(1 for r in rows if r["gap"])
    return {"nodes": len(rows), "filled": len(rows) - gaps, "gaps": gaps}


def item_row(item: ProblemItem, today: dt.date) -> dict[str, Any]:
    return {
        "item": item,
        "category": data.category_name(item.category),
        "lead": data.unit_name(item.lead_unit) if item.lead_unit else "",
        "assist": [data.unit_name(u) for u in item.assist_units],
        "overdue": is_overdue(item.deadline, item.state_enum, today),
    }


def problem_summary(items: list[ProblemItem], today: dt.date) -> dict[str, Any]:
    counts = Counter(i.state for i in items)
    return {
        "by_state": [(s.label, counts.get(s.value, 0)) for s in State],
        "open": sum(1 for i in items if i.state != ProblemState.CLOSED.value),
        "overdue": sum(1 for i in items if is_overdue(i.deadline, i.state_enum, today)),
        "escalated": sum(1 for i in items if i.escalated_at is not None and i.state_enum.is_open),
        "total": len(items),
    }


def workspace(user: object, chain: Chain, requested: str | None) -> dict[str, Any]:
    chains = data.get_chains()
    assert chains is not None
    today = data.today()
    items = list(problems_for_user(user).filter(chain_id=chain.id))
    fills: dict[str, ChainRoleFill] = {}
    for f in ChainRoleFill.objects.filter(chain_id=chain.id).order_by("-at", "-id"):
        fills.setdefault(f.role, f)
    fills = {role: f for role, f in fills.items() if not f.cleared}  # a removal leaves the role open
    roles = []
    for r in chain.roles:
        fill = fills.get(r.role.value)
        units = [data.unit_name(u) for u in fill.units.split(",") if u] if fill else []
        roles.append(
            {
                "kind": r.role.value,
                "recorded": fill is not None,
                "role": r.role.label_zh,
                "post": (fill.post if fill and fill.post else r.post),
                "person": fill.person if fill else r.person,
                "unit": "、".join(units) if fill else (data.unit_name(r.unit) if r.unit else ""),
                "to_fill": r.to_fill and fill is None,
                "source": r.source,
                "synthetic": bool(fill and fill.synthetic),
            }
        )
    policies = [
        {
            "title": p.title,
            "issuer": p.issuer,
            "number": p.number,
            "issued": p.issued,
            "source": p.source,
            "synthetic": False,
        }
        for p in chain.policies
    ] + [
        {
            "title": p.title,
            "issuer": p.issuer,
            "number": p.number,
            "issued": p.issued,
            "source": "",
            "synthetic": p.synthetic,
            "pk": p.pk,
        }
        for p in ChainPolicy.objects.filter(chain_id=chain.id)
    ]
    missing = []
    for req in chains.file.requires:
        if req.role is not None:
            held = req.role.value in fills or any(
                r.role is req.role and (r.person or r.unit) for r in chain.roles
            )
            if not held:
                missing.append(req)
        else:
            present = {
                ListKind.POLICIES: bool(policies),
                ListKind.INVESTMENT_TARGETS: bool(chain.investment_targets),
            }
            if req.list in present and not present[req.list]:
                missing.append(req)
    on_nodes = node_enterprises(chain.id)
    maps = []
    for m in chains.file.package.maps:
        rows = node_rows(chain, m.view, on_nodes)
        maps.append({"map": m, "name": _name(m), "rows": rows, "summary": map_summary(rows)})
    lists = [{"list": li, "name": _name(li), "kind": li.kind.value} for li in chains.file.package.lists]
    plan = get_plan()
    return {
        "chain": chain,
        "chain_name": data.chain_name(chain.id),
        "areas": [plan.scopes[a].name for a in chain.areas if a in plan.scopes],
        "roles": roles,
        "missing": missing,
        "maps": maps,
        "lists": lists,
        "policies": policies,
        "investment_targets": investment_rows(chain),
        "changes": [
            {"c": c, "before": change_text(c.before), "after": change_text(c.after)}
            for c in ChainChange.objects.filter(chain_id=chain.id)[:20]
        ],
        "items": [item_row(i, today) for i in items],
        "summary": problem_summary(items, today),
        "t": targets(user, chain, requested),
        "enterprises": chain_enterprises(chain.id),
        "projects": chain_projects(chain.id),
        "office_role": RoleKind.OFFICE,
        "today": today,
    }


_CHANGE_ORDER = {k: i for i, k in enumerate(("person", "post", "units", "title", "issuer", "number", "issued", "status", "note"))}


def change_text(values: object) -> str:
    """A change's before or after as one line: the values, units and statuses by their names."""
    if not isinstance(values, dict):
        return "—"
    parts = []
    # In a fixed order: PostgreSQL's jsonb does not keep the keys' order.
    for key, value in sorted(values.items(), key=lambda kv: _CHANGE_ORDER.get(kv[0], len(_CHANGE_ORDER))):
        if key == "units":
            value = "、".join(data.unit_name(u) for u in value)
        elif key == "status" and value in {s.value for s in InvestmentStatus}:
            value = InvestmentStatus(value).label_zh
        if value:
            parts.append(str(value))
    return " · ".join(parts) or "—"


def investment_rows(chain: Chain) -> list[dict[str, Any]]:
    """The chain file's 招商 targets, each with its latest recorded status (else the file's)."""
    latest: dict[str, ChainTargetStatus] = {}
    for row in ChainTargetStatus.objects.filter(chain_id=chain.id).order_by("-at", "-id"):
        latest.setdefault(row.target, row)
    out = []
    for t in chain.investment_targets:
        rec = latest.get(t.name)
        status = InvestmentStatus(rec.status) if rec else t.status
        out.append(
            {
                "t": t,
                "status": status.label_zh,
                "status_id": status.value,
                "note": rec.note if rec else "",
                "since": rec.at if rec else None,
                "node": next((_name(n) for n in chain.nodes if n.id == t.node), ""),
            }
        )
    return out


def item_page(user: object, item: ProblemItem) -> dict[str, Any]:
    today = data.today()
    actors = actors_for(user, item)
    overdue = is_overdue(item.deadline, item.state_enum, today)
    chains = data.get_chains()
    assert chains is not None
    return {
        "row": item_row(item, today),
        "item": item,
        "chain_name": data.chain_name(item.chain_id),
        "actions": [
            t
            for t in allowed_actions(data.workflow(), item.state_enum, actors, overdue=overdue)
            if _offered(t, item)
        ],
        "events": [
            {
                "e": e,
                "name": _action_name(e.action),
                "before": _state_label((e.before or {}).get("state")),
                "after": _state_label((e.after or {}).get("state")),
            }
            for e in item.events.select_related("actor").all()
        ],
        "units": [(u.id, _name(u)) for u in chains.file.units],
        "overdue": overdue,
        "en": is_english(),
    }


def _offered(t: Transition, item: ProblemItem) -> bool:
    """The workflow allows it in this state; does this item's extension or escalation leave it open?"""
    requested = item.extension == ExtensionState.REQUESTED
    if t.action in (Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION):
        return requested
    if t.action is Action.REQUEST_EXTENSION:
        return not requested
    if t.action is Action.ESCALATE:
        return item.escalated_at is None
    return True


def _state_label(value: object) -> str:
    return str(State(value).label) if value in State.values else "—"


def _action_name(action: str) -> str:
    for t in data.workflow().actions:
        if t.action.value == action:
            return (t.name_en or t.name) if is_english() else t.name
    return action


def action_label(t: Transition) -> str:
    return (t.name_en or t.name) if is_english() else t.name


def escalated_items(user: object) -> list[dict[str, Any]]:
    """The 督办 list: escalated items still open (the prefecture's and the leaders' list)."""
    today = data.today()
    qs = problems_for_user(user).filter(escalated_at__isnull=False).exclude(state=ProblemState.CLOSED.value)
    return [
        item_row(i, today) | {"chain_name": data.chain_name(i.chain_id)}
        for i in qs.order_by("deadline", "id")
    ]


def summary_for(user: object, chain: Chain) -> dict[str, Any]:
    items = list(problems_for_user(user).filter(chain_id=chain.id))
    return problem_summary(items, data.today())
