from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: my tasks. Otherwise: the public pages."""
    if request.user.is_authenticated:
        if getattr(request.user, "role", "") in ("chain_office", "unit"):  # the problem list's 待办
            return redirect("chains:todo")
        return redirect("submissions:tasks")
    return redirect("public:index")
