from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "planwatch_web.registry"
    label = "registry"
    verbose_name = _("企业库与招商项目")
