from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "planwatch_web.jobs"
    label = "jobs"
    verbose_name = "后台任务"
