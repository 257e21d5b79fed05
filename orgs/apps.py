from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """What this app brings to the park (pages, navigation, reminders, notifications, dashboard figures, demo
    data …) is declared in one place: `orgs/park.py` (incubator.protocol)."""

    name = "orgs"
    verbose_name = _("Organizations and incubation")
