"""Who may read or change register entries, pool proposals and projects: one access function per object.

========================  =========================================  ==============================
role                      reads                                      writes
========================  =========================================  ==============================
州级管理员 admin           everything                                 everything; decides proposals
领导 leader                everything                                 nothing
填报员 reporter            enterprises/projects of its county or park  the same
链长 chain chief           those of its chain and sub-industries (by   the same
                          every chain of an enterprise, and its nodes)
public (anonymous)        nothing (the register is not published)    nothing
========================  =========================================  ==============================

Refusals as elsewhere: an object the user may not read is 404 (not revealed); readable but not
writable is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from planwatch_web.accounts.models import Role, User
from planwatch_web.core.plan import descendants, get_plan
from planwatch_web.registry.models import (
    Enterprise,
    EnterpriseChain,
    EnterpriseChainNode,
    PoolProposal,
    Project,
)

AnyUser = User | object


def _user(user: AnyUser) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def registry_scopes(user: AnyUser) -> set[str] | None:
    """Scopes whose enterprises and projects the user reads; None = all; empty = none."""
    u = _user(user)
    if u is None:
        return set()
    if u.role in (Role.ADMIN, Role.LEADER):
        return None
    plan = get_plan()
    if not u.scope_id or u.scope_id not in plan.scopes:
        return set()
    if u.role == Role.CHAIN_CHIEF:
        return descendants(plan, u.scope_id)
    return {u.scope_id}


def can_write(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.role in (Role.ADMIN, Role.REPORTER, Role.CHAIN_CHIEF)


def is_registry_admin(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


def require_registry_reader(user: AnyUser) -> None:
    if _user(user) is None:
        raise Http404


def require_registry_admin(user: AnyUser) -> None:
    require_registry_reader(user)
    if not is_registry_admin(user):
        raise PermissionDenied


def _enterprise_filter(scopes: set[str]) -> Q:
    """By county, park, or any chain of the enterprise (its ``EnterpriseChain`` rows, the primary
    ``chain``, and the chains of the nodes it sits at)."""
    ids = sorted(scopes)
    return (Q(county__in=ids) | Q(park__in=ids) | Q(chain__in=ids)
            | Q(pk__in=EnterpriseChain.objects.filter(chain__in=ids).values("enterprise_id"))
            | Q(pk__in=EnterpriseChainNode.objects.filter(chain__in=ids).values("enterprise_id")))


def enterprises_for_user(user: AnyUser) -> QuerySet[Enterprise]:
    require_registry_reader(user)
    scopes = registry_scopes(user)
    qs = Enterprise.objects.filter(merged_into__isnull=True)
    if scopes is None:
        return qs
    return qs.filter(_enterprise_filter(scopes)) if scopes else qs.none()


def access_enterprise(user: AnyUser, pk: int, *, write: bool = False) -> Enterprise:
    """The enterprise if the user may read it (404 otherwise); with write, 403 when read-only."""
    require_registry_reader(user)
    scopes = registry_scopes(user)
    qs = Enterprise.objects.all()
    if scopes is not None:
        qs = qs.filter(_enterprise_filter(scopes)) if scopes else qs.none()
    ent = qs.filter(pk=pk).first()
    if ent is None:
        raise Http404
    if write and not can_write(user):
        raise PermissionDenied
    return ent


def projects_for_user(user: AnyUser) -> QuerySet[Project]:
    require_registry_reader(user)
    scopes = registry_scopes(user)
    qs = Project.objects.all()
    if scopes is None:
        return qs
    if not scopes:
        return qs.none()
    return qs.filter(Q(county__in=sorted(scopes)) | Q(park__in=sorted(scopes)) | Q(chain__in=sorted(scopes)))


def access_project(user: AnyUser, pk: int, *, write: bool = False) -> Project:
    project = projects_for_user(user).filter(pk=pk).first()
    if project is None:
        raise Http404
    if write and not can_write(user):
        raise PermissionDenied
    return project


def proposals_for_user(user: AnyUser) -> QuerySet[PoolProposal]:
    return PoolProposal.objects.filter(enterprise__in=enterprises_for_user(user)).select_related("enterprise")


def access_proposal(user: AnyUser, pk: int, *, decide: bool = False) -> PoolProposal:
    """A proposal the user may read (404 otherwise); deciding is the prefecture's (403 for others)."""
    proposal = proposals_for_user(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    if decide and not is_registry_admin(user):
        raise PermissionDenied
    return proposal


def may_write_at(user: AnyUser, county: str, park: str = "", chains: tuple[str, ...] | list[str] = ()) -> bool:
    """Whether the user may write an enterprise or project placed there (after the change, too):
    the prefecture anywhere; a county or park reporter in its scope; a chain chief on its chain."""
    if not can_write(user):
        return False
    scopes = registry_scopes(user)
    if scopes is None:
        return True
    return county in scopes or (bool(park) and park in scopes) or bool(set(chains) & scopes)
