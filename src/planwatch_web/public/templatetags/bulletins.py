"""Template filters for bulletin pages: sizes, audit payloads in words."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from planwatch_web.public.models import BulletinState

register = template.Library()


@register.filter
def filesize(size: object) -> str:
    """1234567 → 1.2 MB; 45678 → 45 kB."""
    if not isinstance(size, int):
        return ""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


@register.filter
def bulletin_audit(value: object) -> str:
    """A bulletin audit payload ({"state": …, "formats": …, "data_submissions": …}) as one line."""
    if not isinstance(value, dict):
        return "—" if value is None else str(value)
    parts: list[str] = []
    if value.get("state") in {s.value for s in BulletinState}:
        parts.append(str(BulletinState(value["state"]).label))
    if value.get("formats"):
        parts.append("、".join(str(f).upper() for f in value["formats"]))
    if "data_submissions" in value:
        parts.append(
            _("%(subs)s 张报表，%(values)s 个数值")
            % {"subs": value["data_submissions"], "values": value.get("data_values", 0)}
        )
    if "seconds" in value:
        parts.append(_("用时 %(s)s 秒") % {"s": value["seconds"]})
    return "；".join(parts) or "—"
