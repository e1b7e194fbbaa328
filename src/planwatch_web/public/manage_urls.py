"""URL namespace "bulletins": the administrator's bulletin pages (the public ones are under public:)."""

from django.urls import path

from planwatch_web.public import manage_views

app_name = "bulletins"

urlpatterns = [
    path("", manage_views.index, name="index"),
    path("<int:pk>/", manage_views.detail, name="detail"),
    path("<int:pk>/preview.html", manage_views.preview, name="preview"),
    path("<int:pk>/publish/", manage_views.publish, name="publish"),
    path("<int:pk>/withdraw/", manage_views.withdraw, name="withdraw"),
    path("<int:pk>/<slug:fmt>/", manage_views.file, name="file"),
]
