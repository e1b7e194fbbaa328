"""URL namespace "dashboards": 驾驶舱, scope and indicator pages (the dashboards session fills it in)."""

from django.urls import path

from planwatch_web.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
]
