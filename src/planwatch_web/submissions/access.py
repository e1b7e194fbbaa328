"""Who may read or change submissions and data values: one access function per protected object.

Views never fetch a Submission, DataValue or audit row any other way (tests/web/test_access.py
checks every endpoint). The rules (docs/web.md, "Roles"):

========================  =====================================  ===================================
role                      reads                                  writes (fills and submits)
========================  =====================================  ===================================
州级管理员 admin           everything                             the prefecture's own form; reviews
领导 leader                everything                             nothing
填报员 reporter            own scope (any state) + published      own scope
链长 chain chief           own chain and its sub-industries       own chain and its sub-industries
                          (any state) + published
public (anonymous)        published only                         nothing
========================  =====================================  ===================================

Refusals: an object the user may not read is "not found" (404, its existence is not revealed);
an object they may read but not change is "forbidden" (403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditEntry
from planwatch_web.core.plan import descendants, get_plan
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.states import SubmissionState

AnyUser = User | object  # django.contrib.auth.models.AnonymousUser has no role


def _user(user: AnyUser) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def readable_scopes(user: AnyUser) -> set[str] | None:
    """Scopes whose unpublished data the user may read; None = all of them."""
    u = _user(user)
    if u is None:
        return set()
    if u.role in (Role.ADMIN, Role.LEADER):
        return None
    return writable_scopes(u)


def writable_scopes(user: AnyUser) -> set[str]:
    """Scopes whose form the user fills."""
    u = _user(user)
    if u is None or not u.scope_id:
        return set()
    plan = get_plan()
    if u.scope_id not in plan.scopes:
        return set()
    if u.role == Role.REPORTER:
        return {u.scope_id}
    if u.role == Role.CHAIN_CHIEF:
        return descendants(plan, u.scope_id)
    if u.role == Role.ADMIN:
        return {u.scope_id} if u.scope_id == plan.meta.region else set()
    return set()


def is_reviewer(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


def _readable_filter(user: AnyUser, prefix: str = "") -> Q | None:
    scopes = readable_scopes(user)
    if scopes is None:
        return None
    published = Q(**{f"{prefix}state": SubmissionState.PUBLISHED})
    return published | Q(**{f"{prefix}scope_id__in": sorted(scopes)}) if scopes else published


# -- submissions ------------------------------------------------------------------------------------
def submissions_for_user(user: AnyUser) -> QuerySet[Submission]:
    """Every submission the user may read (lists, queues, overdue pages)."""
    qs = Submission.objects.select_related("period")
    condition = _readable_filter(user)
    return qs if condition is None else qs.filter(condition)


def access_submission_read(user: AnyUser, submission_id: int) -> Submission:
    try:
        return submissions_for_user(user).get(pk=submission_id)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_submission_write(user: AnyUser, submission_id: int) -> Submission:
    """A submission the user may fill and submit (its state is the action's business, not ours)."""
    submission = access_submission_read(user, submission_id)
    if submission.scope_id not in writable_scopes(user):
        raise PermissionDenied
    return submission


def access_submission_review(user: AnyUser, submission_id: int) -> Submission:
    """A submission the user may return, approve, publish or reopen (the prefecture administrator)."""
    submission = access_submission_read(user, submission_id)
    if not is_reviewer(user):
        raise PermissionDenied
    return submission


def can_write(user: AnyUser, submission: Submission) -> bool:
    return submission.scope_id in writable_scopes(user)


# -- data values --------------------------------------------------------------------------------------
def datavalues_for_user(user: AnyUser) -> QuerySet[DataValue]:
    """Every data value the user may read: those of submissions they may read."""
    qs = DataValue.objects.select_related("submission")
    condition = _readable_filter(user, prefix="submission__")
    if condition is None:
        return qs
    # DataValue.scope equals its submission's scope_id; filter through the submission for one rule.
    return qs.filter(condition)


def access_datavalue_read(user: AnyUser, value_id: int) -> DataValue:
    try:
        return datavalues_for_user(user).get(pk=value_id)
    except (DataValue.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def values_of(user: AnyUser, submission: Submission) -> QuerySet[DataValue]:
    """The values of a submission obtained through ``access_submission_*``."""
    return datavalues_for_user(user).filter(submission=submission)


# -- audit --------------------------------------------------------------------------------------------
def audit_for_submission(user: AnyUser, submission: Submission) -> QuerySet[AuditEntry]:
    """The audit trail of a submission: visible to whoever may read its unpublished data."""
    scopes = readable_scopes(user)
    if scopes is not None and submission.scope_id not in scopes:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(submission=submission).order_by("-at", "-id")


def require_user(user: AnyUser) -> User:
    """The signed-in, active user (actions record who acted)."""
    u = _user(user)
    if u is None:
        raise PermissionDenied
    return u


def require_admin(user: AnyUser) -> User:
    """Periods, deadlines and the approval queue: the prefecture administrator only."""
    u = _user(user)
    if u is None or u.role != Role.ADMIN:
        raise PermissionDenied
    return u
