from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """Public pages (published data only): built by the dashboards session."""

    name = "planwatch_web.public"
    label = "public"
    verbose_name = _("公开信息")
