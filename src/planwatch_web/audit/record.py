"""Writing audit rows: called by the named actions only, inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction

from planwatch_web.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from planwatch_web.accounts.models import User
    from planwatch_web.submissions.models import Submission


def actor_label(actor: User | None) -> str:
    if actor is None:
        return "system"
    return actor.username if not actor.display_name else f"{actor.display_name}（{actor.username}）"


def audit_entry(
    actor: User | None,
    action: AuditAction,
    *,
    object_type: str,
    object_id: object = "",
    submission: Submission | None = None,
    field: str = "",
    before: Any = None,
    after: Any = None,
    reason: str = "",
    origin: str = "",
) -> AuditEntry:
    """An unsaved audit row (save it, or pass many to ``write_audit``)."""
    return AuditEntry(
        actor=actor,
        actor_name=actor_label(actor),
        action=action,
        submission=submission,
        object_type=object_type,
        object_id=str(object_id),
        field=field,
        before=before,
        after=after,
        reason=reason,
        origin=origin[:255],
    )


def write_audit(entries: Iterable[AuditEntry]) -> int:
    """Save audit rows; must run inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit rows are written inside the action's transaction")
    rows = list(entries)
    AuditEntry.objects.bulk_create(rows)
    return len(rows)
