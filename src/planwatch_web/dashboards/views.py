"""驾驶舱, scope, indicator and "how computed" pages for signed-in users (namespace "dashboards").

Views only parse the as-of period and choose the audience (``data.audience_for``: what the user's
role may see); ``pages`` builds the content. The public pages (``public_views``) use the same
templates with published data only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch_web.dashboards import pages
from planwatch_web.dashboards.data import audience_for
from planwatch_web.dashboards.rendering import render_page


def _as_of(request: HttpRequest) -> str | None:
    return request.GET.get("as_of") or None


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    audience = audience_for(request.user)
    return render_page(
        request, "dashboards/index.html", "dashboards/_page_cockpit.html", audience, (),
        lambda: pages.cockpit(audience, request.user, _as_of(request)),
    )


@login_required
@require_safe
def scope(request: HttpRequest, scope_id: str) -> HttpResponse:
    audience = audience_for(request.user)
    return render_page(
        request, "dashboards/scope.html", "dashboards/_page_scope.html", audience, (scope_id,),
        lambda: pages.scope_page(audience, request.user, scope_id, _as_of(request)),
    )


@login_required
@require_safe
def indicator(request: HttpRequest, indicator_id: str) -> HttpResponse:
    audience = audience_for(request.user)
    return render_page(
        request, "dashboards/indicator.html", "dashboards/_page_indicator.html", audience, (indicator_id,),
        lambda: pages.indicator_page(audience, request.user, indicator_id, _as_of(request)),
    )


@login_required
@require_safe
def explain(request: HttpRequest, target_id: str) -> HttpResponse:
    ctx = pages.explain_page(audience_for(request.user), request.user, target_id, _as_of(request))
    return render(request, "dashboards/explain.html", ctx)
