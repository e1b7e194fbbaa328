from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: where the user's work is (landing_url). Otherwise: the public pages."""
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
    return redirect("public:index")


def landing_url(user: object) -> str:
    """Where a user lands after signing in: leaders on the cockpit, a chain office or a responsible unit
    on its problem list's 待办, everyone else on 我的任务."""
    from planwatch_web.accounts.models import Role

    role = getattr(user, "role", None)
    if role == Role.LEADER:
        return reverse("dashboards:index")
    if role in (Role.CHAIN_OFFICE, Role.UNIT):
        return reverse("chains:todo")
    return reverse("submissions:tasks")


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """A health check for load balancers and monitoring: one query (the database answers), no session,
    no template. ``bench/web_load.py`` measures it as the trivial page the others are compared with."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
