from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VentureConfig(AppConfig):
    name = "venture"
    verbose_name = _("Venture philanthropy")
