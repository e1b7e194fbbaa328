from django.urls import path

from planwatch_web.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.enterprise_list, name="enterprises"),
    path("export.xlsx", views.register_export, name="export"),
    path("import/", views.register_import, name="import"),
    path("e/<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("e/<int:pk>/merge/", views.enterprise_merge, name="merge"),
    path("pools/", views.pool_queue, name="pools"),
    path("pools/<int:pk>/decide/", views.pool_decide, name="decide"),
    path("projects/", views.project_pipeline, name="projects"),
    path("projects/<int:pk>/stage/", views.project_stage, name="project_stage"),
    path("reconcile/", views.reconciliation, name="reconcile"),
]
