from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    """链长制: each chain's workspace and its problem list worked to closure (docs/chains.md)."""

    name = "planwatch_web.chains"
    label = "chains"
    verbose_name = _("产业链")
