"""The plan's chains, calendar and workflow as the web layer reads them (loaded once per process)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import contextmanager

from django.http import Http404
from django.utils import timezone

from planwatch.chains.calendar import WorkingCalendar, bundled_calendar
from planwatch.chains.load import Chains, load_chains
from planwatch.chains.schema import Chain
from planwatch.chains.workflow import Workflow, bundled_workflow
from planwatch_web.core.plan import get_plan, is_english


@functools.cache
def _chains(plan_id: str) -> Chains | None:
    return load_chains(get_plan())


def get_chains() -> Chains | None:
    """The configured plan's chains (None when the plan names no chain file)."""
    return _chains(get_plan().meta.id)


def get_chain(chain_id: str) -> Chain:
    chains = get_chains()
    if chains is None or chain_id not in chains.by_id:
        raise Http404
    return chains.by_id[chain_id]


def calendar() -> WorkingCalendar:
    return bundled_calendar()


def workflow() -> Workflow:
    return bundled_workflow()


_PINNED: list[dt.date] = []


def today() -> dt.date:
    """Today in the configured time zone (or the day ``pinned_day`` holds, for the demo's history)."""
    return _PINNED[-1] if _PINNED else timezone.localdate()


@contextmanager
def pinned_day(day: dt.date) -> Iterator[None]:
    """Act as if today were ``day`` (the demo builds its problem list's history through the actions)."""
    _PINNED.append(day)
    try:
        yield
    finally:
        _PINNED.pop()


def unit_name(unit_id: str) -> str:
    chains = get_chains()
    unit = chains.units.get(unit_id) if chains else None
    if unit is None:
        return unit_id
    return (unit.name_en or unit.name) if is_english() else unit.name


def category_name(category_id: str) -> str:
    chains = get_chains()
    if chains is None:
        return category_id
    for c in chains.file.categories:
        if c.id == category_id:
            return (c.name_en or c.name) if is_english() else c.name
    return category_id


def chain_name(chain_id: str) -> str:
    scope = get_plan().scopes.get(chain_id)
    if scope is None:
        return chain_id
    return (scope.name_en or scope.name) if is_english() else scope.name
