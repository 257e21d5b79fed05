from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organizations and incubation")
    role_models = {
        "park_staff": ["organization", "membership", "expertprofile"],
        "party_staff": [],
    }

    def ready(self):
        from incubator import navigation

        from . import nav

        navigation.register(nav.items)
