from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Read-side helpers shared by every app: the plan, labels, observations for the engine."""

    name = "planwatch_web.core"
    label = "pwcore"
    verbose_name = _("规划与数据读取")
