from django.urls import path

from planwatch_web.chains import views

app_name = "chains"

urlpatterns = [
    path("", views.index, name="index"),
    path("todo/", views.todo, name="todo"),
    path("problems/<int:pk>/", views.item, name="item"),
    path("problems/<int:pk>/<str:action>/", views.act, name="act"),
    path("policies/<int:pk>/edit/", views.edit_policy, name="edit_policy"),
    path("policies/<int:pk>/delete/", views.delete_policy, name="delete_policy"),
    path("<str:chain_id>/", views.workspace, name="workspace"),
    path("<str:chain_id>/raise/", views.raise_problem, name="raise"),
    path("<str:chain_id>/roles/", views.fill_role, name="fill_role"),
    path("<str:chain_id>/roles/clear/", views.clear_role, name="clear_role"),
    path("<str:chain_id>/policies/", views.add_policy, name="add_policy"),
    path("<str:chain_id>/targets/status/", views.target_status, name="target_status"),
    path("<str:chain_id>/brief.html", views.brief_html, name="brief_html"),
    path("<str:chain_id>/brief.docx", views.brief_docx, name="brief_docx"),
    path("<str:chain_id>/brief.pdf", views.brief_pdf, name="brief_pdf"),
]
