"""What every page knows: the plan's name and words (its presentation), the user's role and scope, and
whether data are demo data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from planwatch.plan.presentation import view
from planwatch_web.core.plan import get_plan, is_english, scope_label


def planwatch(request: HttpRequest) -> dict[str, Any]:
    plan = get_plan()
    user = getattr(request, "user", None)
    scope = ""
    if user is not None and getattr(user, "is_authenticated", False) and getattr(user, "scope_id", ""):
        scope = scope_label(user.scope_id, plan)
    pres = view(plan)
    return {
        "plan_title": (plan.meta.name_en or plan.meta.name) if is_english() else plan.meta.name,
        # the footer's office (the bulletin's 发文机关), in English on English pages
        "plan_issuer": pres.frame.issuer_en if is_english() else pres.frame.issuer,
        "plan_issuer_short": pres.frame.issuer_en if is_english() else pres.frame.issuer_short,
        "plan_main_title": "" if pres.main is None else (pres.main.title_en if is_english() else pres.main.title),
        "plan_region_word": pres.words.region,
        "user_scope_name": scope,
        "demo_mode": bool(getattr(settings, "PLANWATCH_DEMO", False)),
    }
