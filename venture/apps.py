from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VentureConfig(AppConfig):
    """What this app brings to the park (pages, navigation, reminders, notifications, dashboard figures, demo
    data …) is declared in one place: `venture/park.py` (incubator.protocol)."""

    name = "venture"
    verbose_name = _("Venture philanthropy")
