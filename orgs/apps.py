from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = _("Organizations and incubation")
    role_models = {
        "park_staff": [
            "organization",
            "membership",
            "expertprofile",
            "incubation",
            "stagelog",
            "evaluation",
            "assignment",
            "recruitmentcall",
            "application",
            "organizationdocument",
            "space",
            "spaceallocation",
            "serviceentry",
            "governmentbid",
        ],
        "party_staff": [],
    }

    def ready(self):
        from incubator import navigation

        from . import deadlines, nav  # noqa: F401  (deadlines registers its scanner)

        navigation.register(nav.items)
