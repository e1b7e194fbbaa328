from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: my tasks (a leader, who fills nothing: the cockpit). Otherwise: the public pages."""
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
    return redirect("public:index")


def landing_url(user: object) -> str:
    """Where a user lands after signing in: leaders on the cockpit, everyone else on 我的任务."""
    from planwatch_web.accounts.models import Role

    if getattr(user, "role", None) == Role.LEADER:
        return reverse("dashboards:index")
    return reverse("submissions:tasks")
