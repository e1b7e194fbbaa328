"""URL namespace "public": pages anyone may read, built from published data only."""

from django.urls import path

from planwatch_web.public import bulletin_views, views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("bulletins/", bulletin_views.bulletins, name="bulletins"),
    path("bulletins/<int:pk>/", bulletin_views.bulletin, name="bulletin"),
    path("bulletins/<int:pk>/<slug:fmt>/", bulletin_views.bulletin_file, name="bulletin_file"),
]
