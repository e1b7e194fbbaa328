"""Who may read and act on a chain's workspace and its problem items: one access function per object.

========================  ===========================================  ==============================
role                      reads                                        acts
========================  ===========================================  ==============================
链长 chain_chief, 链办     their chain's workspace, brief and items     as the chain office (交办, 确认,
chain_office                                                           销号, 延期审批, 督办)
责任单位 unit              the items it leads or assists on             主办: 签收, 退回, 办结, 申请延期;
                                                                       协办: 协办反馈
州级管理员 admin, 领导      every chain, brief and item                  nothing (the admin, and a
                                                                       chain's 链办 for its own: roles,
                                                                       policies, 招商 target status)
public (anonymous)        nothing                                      nothing
========================  ===========================================  ==============================

Refusals: an item the user may not read is "not found" (404); a chain workspace of another chain
is "forbidden" (403) for a chain chief or office; a unit has no workspace (403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from planwatch.chains.schema import Chain
from planwatch.chains.workflow import Actor
from planwatch_web.accounts.models import Role, User
from planwatch_web.chains.data import get_chain, get_chains
from planwatch_web.chains.models import ChainPolicy, ProblemItem
from planwatch_web.submissions.errors import ActionError

OFFICE_ROLES = (Role.CHAIN_CHIEF, Role.CHAIN_OFFICE)


def _user(user: object) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def check_unit_scope(scope_id: str) -> None:
    """A 责任单位 user's scope must be a unit of the chain file (accounts.actions calls this)."""
    chains = get_chains()
    if chains is None or scope_id not in chains.units:
        raise ActionError(
            _("产业链文件中没有责任单位「%(unit)s」。") % {"unit": scope_id}, code="unknown_unit"
        )


def reads_all(user: object) -> bool:
    u = _user(user)
    return u is not None and u.role in (Role.ADMIN, Role.LEADER)


def office_chain(user: object) -> str | None:
    """The chain whose office the user is (链长 or 链办), or None."""
    u = _user(user)
    chains = get_chains()
    if u is None or chains is None or u.role not in OFFICE_ROLES or u.scope_id not in chains.by_id:
        return None
    return u.scope_id


def unit_of(user: object) -> str | None:
    u = _user(user)
    return u.scope_id if u is not None and u.role == Role.UNIT and u.scope_id else None


def chains_for_user(user: object) -> list[Chain]:
    """The chains whose workspace the user may open (the chain index)."""
    chains = get_chains()
    if chains is None:
        return []
    if reads_all(user):
        return list(chains)
    mine = office_chain(user)
    return [chains.by_id[mine]] if mine else []


def access_chain_workspace(user: object, chain_id: str) -> Chain:
    """A chain's workspace and brief: every chain for admin and leaders, their own for its office."""
    chain = get_chain(chain_id)  # 404 for an unknown chain
    if reads_all(user) or office_chain(user) == chain_id:
        return chain
    raise PermissionDenied


def access_chain_act(user: object, chain_id: str) -> Chain:
    """Raise a problem on a chain: its office only."""
    chain = get_chain(chain_id)
    if office_chain(user) != chain_id:
        raise PermissionDenied
    return chain


def problems_for_user(user: object) -> QuerySet[ProblemItem]:
    """Every item the user may read."""
    qs = ProblemItem.objects.all()
    if reads_all(user):
        return qs
    chain = office_chain(user)
    if chain is not None:
        return qs.filter(chain_id=chain)
    unit = unit_of(user)
    if unit is not None:
        return qs.filter(Q(lead_unit=unit) | Q(assist_text__contains=f",{unit},"))
    return qs.none()


def access_problem_read(user: object, item_id: int | str) -> ProblemItem:
    try:
        return problems_for_user(user).get(pk=item_id)
    except (ProblemItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def actors_for(user: object, item: ProblemItem) -> set[Actor]:
    """The parts the user plays on this item (an empty set: they only read it)."""
    actors: set[Actor] = set()
    if office_chain(user) == item.chain_id:
        actors.add(Actor.OFFICE)
    unit = unit_of(user)
    if unit is not None:
        if unit == item.lead_unit:
            actors.add(Actor.LEAD_UNIT)
        if unit in item.assist_units:
            actors.add(Actor.ASSIST_UNIT)
    return actors


def access_problem_act(user: object, item_id: int | str) -> tuple[ProblemItem, set[Actor]]:
    """An item the user may act on, and as whom (403 for one they may only read)."""
    item = access_problem_read(user, item_id)
    actors = actors_for(user, item)
    if not actors:
        raise PermissionDenied
    return item, actors


def may_manage(user: object, chain_id: str) -> bool:
    """The prefecture administrator for every chain; a chain's 链办 for its own."""
    u = _user(user)
    if u is None:
        return False
    return u.role == Role.ADMIN or (u.role == Role.CHAIN_OFFICE and office_chain(u) == chain_id)


def access_chain_manage(user: object, chain_id: str) -> Chain:
    """Record, correct or remove a chain's roles, policies and 招商 target statuses: the prefecture
    administrator, or the chain's own 链办 (403 for anyone else, a 链长 included)."""
    chain = get_chain(chain_id)
    if not may_manage(user, chain_id):
        raise PermissionDenied
    return chain


def access_policy_manage(user: object, policy_id: int | str) -> ChainPolicy:
    """A recorded policy document to correct or remove: 404 when there is none, 403 when the user may
    not manage its chain."""
    try:
        policy = ChainPolicy.objects.get(pk=policy_id)
    except (ChainPolicy.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access_chain_manage(user, policy.chain_id)
    return policy
