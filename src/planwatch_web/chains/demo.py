"""The demo's chain work: a chief (chain_<chain id>) and an office user per chain, a user per unit
(unit_<unit id>), the roles and a policy filled in as synthetic (演示) data, and each chain's
problem list played through the real actions on past days, so items stand in every state with a
real history and some are overdue. Idempotent: a chain that has items is left alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from planwatch.chains.schema import RoleKind
from planwatch.chains.workflow import Action
from planwatch.demo.chains import (
    CHIEF_POST,
    OFFICE_UNIT,
    PROBLEMS,
    REASONS,
    TASK_FORCE_UNITS,
    DemoProblem,
    demo_policy_title,
)
from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role, User
from planwatch_web.chains import actions, data
from planwatch_web.chains.models import ChainPolicy, ChainRoleFill, ProblemItem, RaisedBy
from planwatch_web.submissions.errors import ActionError


@dataclass
class ChainDemo:
    chiefs: list[str] = field(default_factory=list)
    items: int = 0


def _users(password: str, chain_ids: list[str], unit_ids: list[str]) -> dict[str, User]:
    wanted: list[tuple[str, Role, str, str]] = []
    for c in chain_ids:
        name = data.chain_name(c)
        wanted.append((f"chain_{c}", Role.CHAIN_CHIEF, c, f"{name}链长（演示）"))
        wanted.append((f"office_{c}", Role.CHAIN_OFFICE, c, f"{name}链办（演示）"))
    for u in unit_ids:
        wanted.append((f"unit_{u}", Role.UNIT, u, f"{data.unit_name(u)}（演示）"))
    existing = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    shared = make_password(password) if len(existing) < len(wanted) else ""
    for username, role, scope, display in wanted:
        if username not in existing:
            existing[username] = do_create_user(
                None,
                username,
                password,
                role,
                scope,
                display_name=display,
                validate=False,
                password_hash=shared,
            )
    return existing


def ensure_chain_demo(password: str, today: dt.date | None = None) -> ChainDemo:
    chains = data.get_chains()
    out = ChainDemo()
    if chains is None:
        return out
    today = today or data.today()
    chain_ids = [c.id for c in chains]
    users = _users(password, chain_ids, list(chains.units))
    out.chiefs = [f"chain_{c}" for c in chain_ids]
    for chain in chains:
        if ProblemItem.objects.filter(chain_id=chain.id).exists():
            continue
        with transaction.atomic():
            _fill(chain.id, chains.units)
            for spec in PROBLEMS:
                if spec.lead not in chains.units or any(a not in chains.units for a in spec.assist):
                    continue
                if spec.category not in {c.id for c in chains.file.categories}:
                    continue
                try:
                    with transaction.atomic():
                        _play(users, chain.id, spec, today)
                except ActionError:  # e.g. a deadline in a year the calendar does not hold yet
                    continue
                out.items += 1
    return out


def _fill(chain_id: str, units: Mapping[str, object]) -> None:
    if ChainRoleFill.objects.filter(chain_id=chain_id).exists():
        return
    name = data.chain_name(chain_id)
    actions.do_fill_role(
        None, chain_id, RoleKind.CHIEF, person=f"{name}链长（演示）", post=CHIEF_POST, synthetic=True
    )
    if OFFICE_UNIT in units:
        actions.do_fill_role(None, chain_id, RoleKind.OFFICE, units=[OFFICE_UNIT], synthetic=True)
        actions.do_fill_role(None, chain_id, RoleKind.LEAD_DEPARTMENT, units=[OFFICE_UNIT], synthetic=True)
    members = [u for u in TASK_FORCE_UNITS if u in units]
    if members:
        actions.do_fill_role(None, chain_id, RoleKind.TASK_FORCE, units=members, synthetic=True)
    if not ChainPolicy.objects.filter(chain_id=chain_id).exists():
        actions.do_add_policy(
            None, chain_id, title=demo_policy_title(name), issuer="（演示）", synthetic=True
        )


def _play(users: dict[str, User], chain_id: str, spec: DemoProblem, today: dt.date) -> None:
    office = users[f"office_{chain_id}"]
    lead = users[f"unit_{spec.lead}"]
    start = today - dt.timedelta(days=spec.days_ago)
    with data.pinned_day(start):
        item = actions.do_raise(
            office,
            chain_id,
            title=spec.title,
            description="",
            raised_by_kind=RaisedBy.ENTERPRISE,
            raised_by=spec.raised_by,
            category=spec.category,
            common=spec.common,
        )
    day = start
    for step in spec.path:
        action = Action(step)
        with data.pinned_day(day):
            if action is Action.ASSIGN:
                item = actions.do_assign(office, item, lead_unit=spec.lead, assist_units=list(spec.assist))
            elif action is Action.ACCEPT:
                item = actions.do_accept(lead, item)
            elif action is Action.RETURN:
                item = actions.do_return(lead, item, REASONS["return"])
            elif action is Action.ANSWER:
                item = actions.do_answer(lead, item, REASONS["answer"])
            elif action is Action.CONFIRM:
                item = actions.do_confirm(office, item, REASONS["confirm"])
            elif action is Action.CLOSE:
                item = actions.do_close(office, item)
            elif action is Action.REQUEST_EXTENSION:
                assert item.deadline is not None
                item = actions.do_request_extension(
                    lead, item, item.deadline + dt.timedelta(days=14), REASONS["request_extension"]
                )
        if action is Action.ESCALATE:  # only once it is overdue: today
            with data.pinned_day(today):
                item = actions.do_escalate(office, item, REASONS["escalate"])
        day = min(day + dt.timedelta(days=1), today)
