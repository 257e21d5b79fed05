"""What orgs brings to the park (incubator.protocol): the register, recruitment and the five-stage incubation,
the expert pool; its pages, reminders, calendar, notifications, jobs, dashboard figures and demo."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incubator.protocol import Contribution, DashboardSection, NotificationKind, ReportSection
from incubator.roles import Role
from incubator.scoring import RUBRICS_IN_USE

from . import calendar, dashboard, deadlines, jobs, nav
from .selectors import annual_figures
from .selectors.evaluations import rubrics_being_scored
from .selectors.pool import DRAW_TARGET
from .services.incubation import ACTIONS
from .services.pool import EVALUATION_DRAW

STAFF, APPLICANT, EXPERT = (Role.PARK_STAFF,), (Role.APPLICANT,), (Role.EXPERT,)
STAFF_AND_APPLICANT = (Role.PARK_STAFF, Role.APPLICANT)


def notification_kinds():
    kinds = [
        NotificationKind("membership_requested", _("New applicant accounts to confirm"), STAFF),
        # About one's own account, before it holds a role: anyone may receive them.
        NotificationKind("membership_confirmed", _("My applicant account is confirmed")),
        NotificationKind("membership_declined", _("My applicant account was not confirmed")),
        NotificationKind("orgs_application_submitted", _("New applications to the park"), STAFF),
        NotificationKind("orgs_evaluation_assigned", _("Stage evaluations assigned to me"), EXPERT),
        NotificationKind("orgs_conflict_declared", _("An expert declared a conflict of interest"), STAFF),
        NotificationKind("orgs_growth_evaluation_due", _("A growth evaluation is due"), STAFF_AND_APPLICANT),
        NotificationKind("orgs_stage_overdue", _("An incubation stage is overdue"), STAFF),
        NotificationKind("orgs_drawn", _("I was drawn for an expert panel"), EXPERT),
        NotificationKind("orgs_draw_short", _("A drawn panel has no reserve left"), STAFF),
        NotificationKind("orgs_expert_profile_change", _("An expert asks to change their profile"), STAFF),
        NotificationKind("orgs_expert_profile_reviewed", _("My expert profile change was reviewed"), EXPERT),
    ]
    for action, (label, _reason) in ACTIONS.items():
        step = format_lazy(_("Incubation step: {step}"), step=label)
        kinds.append(NotificationKind(f"orgs_stage_{action}", step, APPLICANT))
    for days in deadlines.IN_SHELL_WARNINGS:
        label = format_lazy(_("The in-shell period ends in {days} days"), days=days)
        kinds.append(NotificationKind(f"orgs_in_shell_ends_{days}", label, STAFF_AND_APPLICANT))
    for days in deadlines.FOLLOW_UP_WARNINGS:
        label = format_lazy(_("The follow-up year ends in {days} days"), days=days)
        kinds.append(NotificationKind(f"orgs_follow_up_ends_{days}", label, STAFF_AND_APPLICANT))
    for days in deadlines.SCORES_DUE_WARNINGS:
        label = format_lazy(_("My evaluation scores are due in {days} days"), days=days)
        kinds.append(NotificationKind(f"orgs_scores_due_{days}", label, EXPERT))
    return kinds


contribution = Contribution(
    urls=("orgs/", "orgs.urls"),
    navigation=nav.items,
    menu=pgettext_lazy("navigation menu", "Incubation"),
    scanners=[deadlines.scan_incubations, deadlines.scan_scores_due],
    calendar=calendar.events,
    notification_kinds=notification_kinds(),
    jobs={"orgs.export_register": jobs.export_register, "orgs.import_register": jobs.import_register},
    dashboard=[DashboardSection("orgs/dashboard/section.html", dashboard.gather, order=10)],
    report=[ReportSection(dashboard.REPORT_COLUMNS, annual_figures, rows=dashboard.report_rows, order=10)],
    hooks={DRAW_TARGET: EVALUATION_DRAW, RUBRICS_IN_USE: rubrics_being_scored},
    role_models={
        Role.PARK_STAFF: [
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
    },
    demo="orgs.demo",
    bench="orgs.bench",
    access_rules="tests.access.orgs",
)
