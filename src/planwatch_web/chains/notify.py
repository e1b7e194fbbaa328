"""E-mail about problem items, through Django's mail settings, sent after the transaction commits in
a background thread: a slow or failing mail server never holds up or breaks a request."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from planwatch_web.accounts.models import Role, User

log = logging.getLogger(__name__)


def recipients(*, units: Iterable[str] = (), chain_office: str | None = None) -> list[str]:
    """Addresses of the units' users and of the chain's office (链长, 链办) that have an address."""
    wanted = [u for u in units if u]
    qs = User.objects.filter(is_active=True).exclude(email="")
    found: set[str] = set()
    if wanted:
        found |= set(qs.filter(role=Role.UNIT, scope_id__in=wanted).values_list("email", flat=True))
    if chain_office:
        found |= set(
            qs.filter(role__in=(Role.CHAIN_CHIEF, Role.CHAIN_OFFICE), scope_id=chain_office).values_list(
                "email", flat=True
            )
        )
    return sorted(found)


def _send(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, None, to, fail_silently=False)
    except Exception:  # a mail server's failure is logged, never shown to the user who acted
        log.exception("problem item mail to %s failed", to)


def send_now(subject: str, body: str, to: list[str]) -> None:
    """Send at once (the daily reminder command; not from a request)."""
    _send(subject, body, to)


def mail_after_commit(subject: str, body: str, to: list[str]) -> None:
    """Send once the current transaction commits; in a thread unless PLANWATCH_MAIL_IN_THREAD is False."""
    if not to:
        return

    def go() -> None:
        if getattr(settings, "PLANWATCH_MAIL_IN_THREAD", True):
            threading.Thread(
                target=_send, args=(subject, body, to), name="planwatch-mail", daemon=True
            ).start()
        else:
            _send(subject, body, to)

    transaction.on_commit(go)
