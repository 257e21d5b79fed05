from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartybuildConfig(AppConfig):
    name = "partybuild"
    verbose_name = _("Party building")
