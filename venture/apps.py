from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VentureConfig(AppConfig):
    name = "venture"
    verbose_name = _("Venture philanthropy")
    role_models = {
        "park_staff": [
            "round",
            "bonusitem",
            "trancheplanitem",
            "proposal",
            "budgetline",
            "activity",
            "proposaldocument",
            "screeningrecord",
            "assignment",
            "review",
            "score",
            "award",
            "objection",
            "agreement",
            "tranche",
            "progressreport",
            "reportdocument",
            "coachingrecord",
        ],
    }

    def ready(self):
        from incubator import navigation, panels

        from . import deadlines, nav  # noqa: F401  (deadlines registers its scanners on import)
        from .panels import organization_proposals
        from .services import pool  # noqa: F401  (registers rounds as targets of expert draws)

        navigation.register(nav.items)
        panels.register("organization", organization_proposals)
