"""驾驶舱, scope, indicator and "how computed" pages for signed-in users (namespace "dashboards").

Views only parse the as-of period and choose the audience (``data.audience_for``: what the user's
role may see); ``pages`` builds the content. The public pages (``public_views``) use the same
templates with published data only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planwatch_web.dashboards import pages
from planwatch_web.dashboards.data import audience_for


def _as_of(request: HttpRequest) -> str | None:
    return request.GET.get("as_of") or None


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    ctx = pages.cockpit(audience_for(request.user), request.user, _as_of(request))
    return render(request, "dashboards/index.html", ctx)


@login_required
@require_GET
def scope(request: HttpRequest, scope_id: str) -> HttpResponse:
    ctx = pages.scope_page(audience_for(request.user), request.user, scope_id, _as_of(request))
    return render(request, "dashboards/scope.html", ctx)


@login_required
@require_GET
def indicator(request: HttpRequest, indicator_id: str) -> HttpResponse:
    ctx = pages.indicator_page(audience_for(request.user), request.user, indicator_id, _as_of(request))
    return render(request, "dashboards/indicator.html", ctx)


@login_required
@require_GET
def explain(request: HttpRequest, target_id: str) -> HttpResponse:
    ctx = pages.explain_page(audience_for(request.user), request.user, target_id, _as_of(request))
    return render(request, "dashboards/explain.html", ctx)
