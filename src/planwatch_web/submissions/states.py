"""The approval state machine of one submission (one scope × one reporting period).

::

    草稿 DRAFT ──submit──► 已上报 SUBMITTED ──approve──► 已审核 APPROVED ──publish──► 已发布 PUBLISHED
        ▲                    │                             │                            │
        │                 return (reason)                reopen (admin, reason) ◄──────┘
        │                    ▼                             ▼
        └──── (edit) ── 已退回 RETURNED ◄───────────────────┘

Values can change only in DRAFT and RETURNED; APPROVED and PUBLISHED are locked. Reopening an
approved or published submission needs the prefecture administrator and a reason, and puts it back
to RETURNED so the reporter sees why.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已上报")
    APPROVED = "approved", _("已审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已发布")

    @property
    def editable(self) -> bool:
        return self in EDITABLE

    @property
    def locked(self) -> bool:
        return self in (SubmissionState.APPROVED, SubmissionState.PUBLISHED)


class Transition(models.TextChoices):
    SUBMIT = "submit", _("上报")
    RETURN = "return", _("退回")
    APPROVE = "approve", _("审核通过")
    PUBLISH = "publish", _("发布")
    REOPEN = "reopen", _("重新开放")


EDITABLE = frozenset({SubmissionState.DRAFT, SubmissionState.RETURNED})

# (from state, transition) → to state. Anything not listed is refused.
TRANSITIONS: dict[tuple[SubmissionState, Transition], SubmissionState] = {
    (SubmissionState.DRAFT, Transition.SUBMIT): SubmissionState.SUBMITTED,
    (SubmissionState.RETURNED, Transition.SUBMIT): SubmissionState.SUBMITTED,
    (SubmissionState.SUBMITTED, Transition.RETURN): SubmissionState.RETURNED,
    (SubmissionState.SUBMITTED, Transition.APPROVE): SubmissionState.APPROVED,
    (SubmissionState.APPROVED, Transition.PUBLISH): SubmissionState.PUBLISHED,
    (SubmissionState.APPROVED, Transition.REOPEN): SubmissionState.RETURNED,
    (SubmissionState.PUBLISHED, Transition.REOPEN): SubmissionState.RETURNED,
}

# Transitions that need a written reason.
NEEDS_REASON = frozenset({Transition.RETURN, Transition.REOPEN})

# Transitions only the prefecture administrator may perform (submit belongs to the scope's reporter).
ADMIN_ONLY = frozenset({Transition.RETURN, Transition.APPROVE, Transition.PUBLISH, Transition.REOPEN})

# States whose values the engine, the dashboards and the bulletin use.
ASSESSED_STATES = (SubmissionState.APPROVED, SubmissionState.PUBLISHED)


def next_state(state: SubmissionState, transition: Transition) -> SubmissionState | None:
    """The state after ``transition``, or None when it is not allowed from ``state``."""
    return TRANSITIONS.get((SubmissionState(state), Transition(transition)))


def allowed_transitions(state: SubmissionState) -> list[Transition]:
    return [t for (s, t) in TRANSITIONS if s == SubmissionState(state)]
