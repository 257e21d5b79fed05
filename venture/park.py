"""What venture brings to the park (incubator.protocol): the venture-philanthropy competition (公益创投), from
rounds to reports; its pages, the panel on an organization's page, reminders, calendar, notifications, the
round's exports, dashboard figures and demo."""

from django.utils.translation import gettext_lazy as _

from incubator.protocol import Contribution, DashboardSection, NotificationKind, ReportSection
from incubator.roles import Role
from incubator.scoring import RUBRICS_IN_USE
from orgs.selectors.pool import DRAW_TARGET

from . import calendar, dashboard, deadlines, jobs, nav, panels
from .selectors import annual_figures
from .selectors.review import rubrics_being_scored
from .services.pool import ROUND_DRAW

STAFF, APPLICANT, EXPERT = (Role.PARK_STAFF,), (Role.APPLICANT,), (Role.EXPERT,)

NOTIFICATION_KINDS = [
    NotificationKind("venture_submitted", _("Venture proposals submitted"), STAFF),
    NotificationKind("venture_screened", _("Screening results of venture proposals"), APPLICANT),
    NotificationKind("venture_assigned", _("Venture proposals assigned to me for review"), EXPERT),
    NotificationKind("venture_review_reopened", _("A venture review of mine was reopened"), EXPERT),
    NotificationKind("venture_conflict_declared", _("An expert declared a conflict on a venture proposal"), STAFF),
    NotificationKind("venture_review_due", _("Venture reviews due"), EXPERT),
    NotificationKind("venture_submission_due", _("Venture proposal deadlines"), APPLICANT),
    NotificationKind("venture_announced", _("Venture results announced (公示)"), (Role.PARK_STAFF, Role.APPLICANT)),
    NotificationKind("venture_announcement_end", _("A venture announcement (公示) ends"), STAFF),
    NotificationKind("venture_objection", _("Objections to a venture announcement"), STAFF),
    NotificationKind("venture_outcome", _("Outcome of a venture proposal"), APPLICANT),
    NotificationKind("venture_agreement_signed", _("A venture agreement of ours is signed"), APPLICANT),
    NotificationKind("venture_payment", _("A venture tranche paid to us"), APPLICANT),
    NotificationKind("venture_report_scheduled", _("Venture progress reports scheduled"), APPLICANT),
    NotificationKind("venture_report_due", _("Venture progress reports due"), APPLICANT),
    NotificationKind(
        "venture_report_overdue", _("Venture progress reports overdue"), (Role.PARK_STAFF, Role.APPLICANT)
    ),
    NotificationKind("venture_evaluation", _("Venture project evaluations"), (Role.EXPERT, Role.APPLICANT)),
]

contribution = Contribution(
    urls=("venture/", "venture.urls"),
    navigation=nav.items,
    menu=_("Venture philanthropy"),
    panels={"organization": panels.organization_proposals},
    scanners=[
        deadlines.submission_deadline,
        deadlines.review_deadline,
        deadlines.announcement_end,
        deadlines.report_due,
    ],
    calendar=calendar.events,
    notification_kinds=NOTIFICATION_KINDS,
    jobs={"venture.export_round": jobs.export_round},
    dashboard=[DashboardSection("venture/dashboard/section.html", dashboard.gather, order=20)],
    report=[ReportSection(dashboard.REPORT_COLUMNS, annual_figures, order=20)],
    hooks={DRAW_TARGET: ROUND_DRAW, RUBRICS_IN_USE: rubrics_being_scored},
    role_models={
        Role.PARK_STAFF: [
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
    },
    demo="venture.demo",
    bench="venture.bench",
    access_rules="tests.access.venture",
)
