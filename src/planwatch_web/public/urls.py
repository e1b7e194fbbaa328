"""URL namespace "public": pages anyone may read, built from published data only."""

from django.urls import path

from planwatch_web.public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
]
