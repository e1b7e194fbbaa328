from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: my tasks. Otherwise: the public pages."""
    if request.user.is_authenticated:
        return redirect("submissions:tasks")
    return redirect("public:index")
