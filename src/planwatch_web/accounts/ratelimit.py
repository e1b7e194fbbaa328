"""Login rate limiting in the database (works across processes, no cache server needed).

A sign-in is refused, before the password is even checked, when the same username from the same
address failed ``PLANWATCH_LOGIN_MAX_FAILURES`` times (default 5) in the last
``PLANWATCH_LOGIN_WINDOW_SECONDS`` (default 15 minutes), or when one address failed
``PLANWATCH_LOGIN_MAX_FAILURES_PER_IP`` times across all usernames (password spraying).
A successful sign-in does not erase earlier failures: the window simply runs out.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from planwatch_web.accounts.models import LoginAttempt


@dataclass(frozen=True)
class Lockout:
    locked: bool
    retry_after_minutes: int = 0


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind ``PLANWATCH_TRUSTED_PROXIES`` = N proxies the N-th
    address from the right of X-Forwarded-For (each trusted proxy appends the address it saw; what
    the client itself sent is further left and never trusted). A malformed or too-short header
    falls back to REMOTE_ADDR."""
    remote = _valid(request.META.get("REMOTE_ADDR"))
    proxies = int(getattr(settings, "PLANWATCH_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if a.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def _valid(address: object) -> str | None:
    try:
        return str(ipaddress.ip_address(str(address))) if address else None
    except ValueError:
        return None


def _window() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "PLANWATCH_LOGIN_WINDOW_SECONDS", 900)))


def check_lockout(username: str, ip: str | None, now: datetime | None = None) -> Lockout:
    now = now or timezone.now()
    since = now - _window()
    failures = LoginAttempt.objects.filter(succeeded=False, at__gte=since)
    per_user = list(
        failures.filter(username=username.lower(), ip=ip).order_by("-at").values_list("at", flat=True)[:50]
    )
    max_user = int(getattr(settings, "PLANWATCH_LOGIN_MAX_FAILURES", 5))
    max_ip = int(getattr(settings, "PLANWATCH_LOGIN_MAX_FAILURES_PER_IP", 30))
    times: list[datetime] = []
    if len(per_user) >= max_user:
        times = per_user[:max_user]
    elif ip is not None:
        per_ip = list(failures.filter(ip=ip).order_by("-at").values_list("at", flat=True)[:max_ip])
        if len(per_ip) >= max_ip:
            times = per_ip
    if not times:
        return Lockout(False)
    # Unlocks when the oldest of the counted failures leaves the window.
    unlock_at = times[-1] + _window()
    minutes = max(1, math.ceil((unlock_at - now).total_seconds() / 60))
    return Lockout(True, minutes)


def record_attempt(username: str, ip: str | None, succeeded: bool, now: datetime | None = None) -> None:
    LoginAttempt.objects.create(
        username=username.lower()[:150], ip=ip, at=now or timezone.now(), succeeded=succeeded
    )


def purge_old_attempts(now: datetime | None = None, keep_days: int = 90) -> int:
    now = now or timezone.now()
    deleted, _ = LoginAttempt.objects.filter(at__lt=now - timedelta(days=keep_days)).delete()
    return deleted
