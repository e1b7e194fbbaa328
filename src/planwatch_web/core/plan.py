"""The plan the platform serves: loaded once from YAML (metadata stays out of the database).

Labels follow the active language: Chinese names by default, the plan's English names in English.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.translation import get_language

from planwatch.domain.enums import ScopeKind
from planwatch.plan.load import Plan, load_plan
from planwatch.plan.schema import Indicator, Scope

# Scopes nobody reports for: the province is a comparison series; groups are sums of their members.
NOT_REPORTED = (ScopeKind.PROVINCE, ScopeKind.GROUP)


@functools.cache
def _load(name: str | None) -> Plan:
    return load_plan(name)


def get_plan() -> Plan:
    """The configured plan (``PLANWATCH_PLAN``; default the bundled Xiangxi plan), cached per process."""
    return _load(getattr(settings, "PLANWATCH_PLAN", None))


def is_english() -> bool:
    return (get_language() or "").lower().startswith("en")


def scope_name(scope: Scope) -> str:
    return (scope.name_en or scope.name) if is_english() else scope.name


def indicator_name(indicator: Indicator) -> str:
    return (indicator.name_en or indicator.name) if is_english() else indicator.name


# The plan writes units in Chinese; in English they read as below (unknown units are shown as written).
UNITS_EN = {
    "%": "%",
    "G": "Gbit/s",
    "万个": "10k",
    "万吨标准煤": "10k tce",
    "万户": "10k households",
    "个": "",
    "亿元": "100m yuan",
    "亿美元": "100m USD",
    "件": "items",
    "分": "points",
    "名/村": "per village",
    "吨标准煤/万元": "tce per 10k yuan",
    "家": "enterprises",
    "户": "households",
    "类": "categories",
    "条": "chains",
    "M": "Mbit/s",
    "万元": "10k yuan",
    "元": "yuan",
}


def unit_label(unit: str) -> str:
    return UNITS_EN.get(unit, unit) if is_english() else unit


def scope_label(scope_id: str, plan: Plan | None = None) -> str:
    plan = plan or get_plan()
    scope = plan.scopes.get(scope_id)
    return scope_name(scope) if scope else scope_id


def indicator_label(indicator_id: str, plan: Plan | None = None) -> str:
    plan = plan or get_plan()
    indicator = plan.indicators.get(indicator_id)
    return indicator_name(indicator) if indicator else indicator_id


def reporting_scopes(plan: Plan | None = None) -> list[Scope]:
    """Scopes that fill a form each period: every scope with a target, except groups and a province that
    is only a comparison series (the plan's own region reports whatever its kind)."""
    plan = plan or get_plan()
    with_targets = {t.scope for t in plan.targets}
    return [
        s
        for s in plan.scopes.values()
        if s.id in with_targets and (s.kind not in NOT_REPORTED or s.id == plan.meta.region)
    ]


def plan_order(plan: Plan | None = None) -> dict[str, int]:
    """Scope id → its position in the plan (the order the plan lists its scopes), for sorting lists."""
    plan = plan or get_plan()
    return {sid: i for i, sid in enumerate(plan.scopes)}


def descendants(plan: Plan, scope_id: str) -> set[str]:
    """The scope and everything below it (a chain and its sub-industries; a county and its parks)."""
    out = {scope_id}
    frontier = [scope_id]
    while frontier:
        current = frontier.pop()
        for child in plan.children(current):
            if child.id not in out:
                out.add(child.id)
                frontier.append(child.id)
    return out
