from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "planwatch_web.submissions"
    label = "submissions"
    verbose_name = _("填报与审核")
