from django.urls import path

from planwatch_web.submissions import lists, views

app_name = "submissions"

urlpatterns = [
    path("", lists.tasks, name="tasks"),
    path("all/", lists.submission_list, name="list"),
    path("review/", lists.queue, name="queue"),
    path("overdue/", lists.overdue, name="overdue"),
    path("periods/", lists.periods, name="periods"),
    path("periods/<int:pk>/", lists.period_detail, name="period"),
    path("periods/<int:pk>/publish/", lists.publish_period, name="publish_period"),
    path("periods/<int:pk>/close/", lists.close_period, name="close_period"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/template.xlsx", views.template, name="template"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/review/", views.review, name="review"),
]
