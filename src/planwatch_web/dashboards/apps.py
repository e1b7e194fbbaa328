from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """驾驶舱 and scope/indicator pages: built by the dashboards session on top of core.observations."""

    name = "planwatch_web.dashboards"
    label = "dashboards"
    verbose_name = _("驾驶舱")
