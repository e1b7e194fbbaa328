from django.urls import path

from planwatch_web.registry import editing, views

app_name = "registry"

urlpatterns = [
    path("", views.enterprise_list, name="enterprises"),
    path("export.xlsx", views.register_export, name="export"),
    path("import/", views.register_import, name="import"),
    path("e/<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("e/<int:pk>/merge/", views.enterprise_merge, name="merge"),
    path("e/<int:pk>/edit/", editing.enterprise_edit, name="enterprise_edit"),
    path("pools/", views.pool_queue, name="pools"),
    path("pools/<int:pk>/decide/", views.pool_decide, name="decide"),
    path("projects/", views.project_pipeline, name="projects"),
    path("projects/<int:pk>/stage/", views.project_stage, name="project_stage"),
    path("projects/new/", editing.project_new, name="project_new"),
    path("projects/import/", editing.projects_import, name="projects_import"),
    path("projects/export.xlsx", editing.projects_export, name="projects_export"),
    path("projects/<int:pk>/", editing.project_detail, name="project"),
    path("projects/<int:pk>/edit/", editing.project_edit, name="project_edit"),
    path("projects/<int:pk>/funds/", editing.project_funds, name="project_funds"),
    path("projects/<int:pk>/problem/", editing.project_problem, name="project_problem"),
    path("reconcile/", views.reconciliation, name="reconcile"),
]
