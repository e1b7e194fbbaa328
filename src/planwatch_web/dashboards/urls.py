"""URL namespace "dashboards": 驾驶舱, scope and indicator pages, "how computed" (signed in)."""

from django.urls import path

from planwatch_web.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("scope/<slug:scope_id>/", views.scope, name="scope"),
    path("indicator/<slug:indicator_id>/", views.indicator, name="indicator"),
    path("explain/<slug:target_id>/", views.explain, name="explain"),
]
