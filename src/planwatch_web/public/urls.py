"""URL namespace "public": pages anyone may read, built from published data only."""

from django.urls import path

from planwatch_web.dashboards import assets, public_views
from planwatch_web.public import bulletin_views, views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", public_views.indicators, name="indicators"),
    path("indicator/<slug:indicator_id>/", public_views.indicator, name="indicator"),
    path("scope/<slug:scope_id>/", public_views.scope, name="scope"),
    path("explain/<slug:target_id>/", public_views.explain, name="explain"),
    path("assets/plotly.min.js", assets.plotly_js, name="plotly_js"),
    path("assets/plotly.css", assets.plotly_css, name="plotly_css"),
    path("assets/sans.otf", assets.cjk_font, name="cjk_font"),
    path("bulletins/", bulletin_views.bulletins, name="bulletins"),
    path("bulletins/<int:pk>/", bulletin_views.bulletin, name="bulletin"),
    path("bulletins/<int:pk>/<slug:fmt>/", bulletin_views.bulletin_file, name="bulletin_file"),
]
