from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: my tasks. Otherwise: the public pages."""
    if request.user.is_authenticated:
        if getattr(request.user, "role", "") in ("chain_office", "unit"):  # the problem list's 待办
            return redirect("chains:todo")
        return redirect("submissions:tasks")
    return redirect("public:index")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A health check for load balancers and monitoring: one query (the database answers), no session,
    no template. ``bench/web_load.py`` measures it as the trivial page the others are compared with."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
