"""URL map (docs/web.md, "Pages"). Each app has its own namespace."""

from django.urls import include, path
from django.views.i18n import set_language

from planwatch_web.core.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("planwatch_web.accounts.urls")),
    path("forms/", include("planwatch_web.submissions.urls")),
    path("cockpit/", include("planwatch_web.dashboards.urls")),
    path("public/", include("planwatch_web.public.urls")),
    path("bulletins/", include("planwatch_web.public.manage_urls")),
    path("registry/", include("planwatch_web.registry.urls")),
    path("chains/", include("planwatch_web.chains.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
