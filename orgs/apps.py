from django.apps import AppConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def notification_kinds(actions, deadlines):
    """Every kind of notification orgs sends, named for the email-choices page."""
    kinds = {
        "orgs_application_submitted": _("New applications to the park"),
        "orgs_evaluation_assigned": _("Stage evaluations assigned to me"),
        "orgs_conflict_declared": _("An expert declared a conflict of interest"),
        "orgs_growth_evaluation_due": _("A growth evaluation is due"),
        "orgs_stage_overdue": _("An incubation stage is overdue"),
        "orgs_drawn": _("I was drawn for an expert panel"),
        "orgs_draw_short": _("A drawn panel has no reserve left"),
        "orgs_expert_profile_change": _("An expert asks to change their profile"),
        "orgs_expert_profile_reviewed": _("My expert profile change was reviewed"),
    }
    for action, (label, _reason) in actions.items():
        kinds[f"orgs_stage_{action}"] = format_lazy(_("Incubation step: {step}"), step=label)
    for days in deadlines.IN_SHELL_WARNINGS:
        kinds[f"orgs_in_shell_ends_{days}"] = format_lazy(_("The in-shell period ends in {days} days"), days=days)
    for days in deadlines.FOLLOW_UP_WARNINGS:
        kinds[f"orgs_follow_up_ends_{days}"] = format_lazy(_("The follow-up year ends in {days} days"), days=days)
    for days in deadlines.SCORES_DUE_WARNINGS:
        kinds[f"orgs_scores_due_{days}"] = format_lazy(_("My evaluation scores are due in {days} days"), days=days)
    return kinds


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
        from incubator import calendar, navigation, notifications

        from . import calendar as orgs_calendar
        from . import deadlines, jobs, nav  # noqa: F401  (deadlines and jobs register on import)
        from .services.incubation import ACTIONS

        navigation.register(nav.items)
        calendar.register(orgs_calendar.events)
        for kind, label in notification_kinds(ACTIONS, deadlines).items():
            notifications.register(kind, label)
