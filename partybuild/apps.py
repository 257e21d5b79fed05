from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartybuildConfig(AppConfig):
    name = "partybuild"
    verbose_name = _("Party building")
    # Member records, their access log and the two-way flow (which names members) are for party staff only.
    role_models = {
        "park_staff": ["partyorganization", "support", "jointmeeting", "training", "starrating", "honour"],
        "party_staff": [
            "partyorganization",
            "partycase",
            "stagelog",
            "partymember",
            "memberaccess",
            "instructorprofile",
            "support",
            "jointmeeting",
            "training",
            "talentflow",
            "ratingscheme",
            "ratingindicator",
            "starrating",
            "ratingscore",
            "honour",
        ],
    }

    def ready(self):
        from incubator import navigation, panels
        from orgs.signals import organization_admitted

        from . import deadlines, nav, services  # noqa: F401  (deadlines registers its scanners)
        from . import panels as party_panels

        navigation.register(nav.items)
        panels.register("organization", party_panels.organization_panel)
        panels.register("evaluation", party_panels.evaluation_panel)
        organization_admitted.connect(services.on_organization_admitted, dispatch_uid="partybuild_open_case")
