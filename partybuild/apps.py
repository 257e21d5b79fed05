from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every kind of notification partybuild sends, named for the email-choices page.
NOTIFICATION_KINDS = {
    "party_case_opened": _("Party-building cases opened"),
    "party_instructor_assigned": _("Party-building instructor assigned"),
    "party_instructor_missing": _("Party cases without an instructor"),
    "party_stage_idle": _("Party cases idle in a stage"),
    "party_star_rating_due": _("Star ratings due"),
    "party_joint_meeting_due": _("Joint party meetings due"),
    "party_transfer_due": _("Party membership transfers due"),
}


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
        from incubator import calendar, navigation, notifications, panels
        from orgs.signals import organization_admitted

        from . import calendar as party_calendar
        from . import deadlines, nav, services  # noqa: F401  (deadlines registers its scanners)
        from . import panels as party_panels

        navigation.register(nav.items)
        calendar.register(party_calendar.events)
        panels.register("organization", party_panels.organization_panel)
        for kind, label in NOTIFICATION_KINDS.items():
            notifications.register(kind, label)
        panels.register("evaluation", party_panels.evaluation_panel)
        organization_admitted.connect(services.on_organization_admitted, dispatch_uid="partybuild_open_case")
