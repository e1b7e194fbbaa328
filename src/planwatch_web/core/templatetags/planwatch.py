"""Template filters: plan ids as names in the active language, numbers as the core formats them."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planwatch.domain.observations import format_value
from planwatch.domain.periods import Period
from planwatch_web.core.plan import indicator_label, scope_label
from planwatch_web.submissions.states import SubmissionState

register = template.Library()


@register.filter
def scope_name(scope_id: str) -> str:
    return scope_label(str(scope_id))


@register.filter
def indicator_name(indicator_id: str) -> str:
    return indicator_label(str(indicator_id))


@register.filter
def period_name(text: object) -> str:
    """A stored period (2025Q3, 2025-06, 2025) as the interface reads it: 2025年第三季度 in Chinese,
    the stored form in English; anything that is not a period is shown as it is."""
    raw = str(text or "")
    if not raw or (get_language() or "").startswith("en"):
        return raw
    try:
        return Period.parse(raw).label_zh
    except ValueError:
        return raw


@register.filter
def number(value: object) -> str:
    """A stored float as the shortest text that reads back the same (no rounding for display here)."""
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return format_value(float(value))
    return str(value)


@register.filter
def audit_field(field: str) -> str:
    """ "scale_enterprises:ytd" → 规模工业企业数（累计）; "state" → 状态; anything else as written."""
    from planwatch.domain.enums import Measure
    from planwatch_web.submissions.models import MEASURE_LABELS

    if field == "state":
        return str(_("状态"))
    if field == "deadline":
        return str(_("截止日期"))
    indicator, _sep, measure = field.partition(":")
    if measure in {m.value for m in Measure}:
        return f"{indicator_label(indicator)}（{MEASURE_LABELS[Measure(measure)]}）"
    return field


@register.filter
def audit_value(value: object) -> str:
    """An audit before/after payload as one short line."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        parts = []
        if "value" in value:
            parts.append(number(value.get("value")) or "—")
        if value.get("note"):
            parts.append(f"（{value['note']}）")
        if value.get("source"):
            parts.append(str(_("来源：%(source)s") % {"source": value["source"]}))
        rest = {k: v for k, v in value.items() if k not in ("value", "note", "source")}
        parts.extend(f"{k}={v}" for k, v in rest.items())
        return " ".join(parts) if parts else "—"
    if isinstance(value, str) and value in {s.value for s in SubmissionState}:
        return str(SubmissionState(value).label)
    return str(value)


@register.filter
def user_audit(value: object) -> str:
    """A user's audit payload (role, scope, name, active) as the page reads it: 填报员 · 吉首市 · 吉首市统计局."""
    if not isinstance(value, dict) or not value:
        return "—"
    from planwatch_web.accounts.models import Role

    parts: list[str] = []
    if value.get("role") in Role.values:
        parts.append(str(Role(value["role"]).label))
    if "scope" in value:
        parts.append(scope_label(str(value["scope"])) if value["scope"] else "—")
    if value.get("display_name"):
        parts.append(str(value["display_name"]))
    if "active" in value:
        parts.append(str(_("启用") if value["active"] else _("已停用")))
    return " · ".join(parts) if parts else "—"
