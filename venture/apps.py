from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every kind of notification venture sends, named for the email-choices page.
NOTIFICATION_KINDS = {
    "venture_submitted": _("Venture proposals submitted"),
    "venture_screened": _("Screening results of venture proposals"),
    "venture_assigned": _("Venture proposals assigned to me for review"),
    "venture_review_reopened": _("A venture review of mine was reopened"),
    "venture_review_due": _("Venture reviews due"),
    "venture_submission_due": _("Venture proposal deadlines"),
    "venture_announced": _("Venture results announced (公示)"),
    "venture_announcement_end": _("A venture announcement (公示) ends"),
    "venture_objection": _("Objections to a venture announcement"),
    "venture_outcome": _("Outcome of a venture proposal"),
    "venture_report_scheduled": _("Venture progress reports scheduled"),
    "venture_report_due": _("Venture progress reports due"),
    "venture_report_overdue": _("Venture progress reports overdue"),
    "venture_evaluation": _("Venture project evaluations"),
}


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
        from incubator import calendar, navigation, notifications, panels

        from . import calendar as venture_calendar
        from . import deadlines, jobs, nav  # noqa: F401  (deadlines and jobs register on import)
        from .panels import organization_proposals
        from .services import pool  # noqa: F401  (registers rounds as targets of expert draws)

        navigation.register(nav.items)
        panels.register("organization", organization_proposals)
        calendar.register(venture_calendar.events)
        for kind, label in NOTIFICATION_KINDS.items():
            notifications.register(kind, label)
