"""Public index: which periods have published data (the dashboards session adds indicator pages)."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch_web.submissions.access import submissions_for_user
from planwatch_web.submissions.states import SubmissionState


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    # Always the anonymous view: a signed-in user sees here exactly what the public sees.
    from django.contrib.auth.models import AnonymousUser

    published = (
        submissions_for_user(AnonymousUser())
        .filter(state=SubmissionState.PUBLISHED)
        .values("period__period", "period__end_ordinal")
        .annotate(n=Count("id"))
        .order_by("-period__end_ordinal")[:40]
    )
    return render(request, "public/index.html", {"published": list(published)})
