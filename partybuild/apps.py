from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartybuildConfig(AppConfig):
    """What this app brings to the park (pages, navigation, reminders, notifications, dashboard figures, demo
    data …) is declared in one place: `partybuild/park.py` (incubator.protocol)."""

    name = "partybuild"
    verbose_name = _("Party building")
