"""What partybuild brings to the park (incubator.protocol): party-branch incubation alongside the
organizations' (双孵化); its pages, panels on organization and evaluation pages, reminders, calendar,
notifications, dashboard figures and demo. A case opens when orgs admits an organization."""

from django.utils.translation import gettext_lazy as _

from incubator.protocol import Contribution, DashboardSection, NotificationKind, ReportSection
from incubator.roles import Role
from orgs.services.incubation import ORGANIZATION_ADMITTED

from . import calendar, dashboard, deadlines, nav, panels
from .services import on_organization_admitted

PARTY_STAFF, INSTRUCTOR = (Role.PARTY_STAFF,), (Role.INSTRUCTOR,)
PARTY_STAFF_AND_INSTRUCTOR = (Role.PARTY_STAFF, Role.INSTRUCTOR)

NOTIFICATION_KINDS = [
    NotificationKind("party_case_opened", _("Party-building cases opened"), PARTY_STAFF),
    NotificationKind("party_instructor_assigned", _("Party-building instructor assigned"), PARTY_STAFF_AND_INSTRUCTOR),
    NotificationKind("party_instructor_missing", _("Party cases without an instructor"), PARTY_STAFF),
    NotificationKind("party_stage_idle", _("Party cases idle in a stage"), PARTY_STAFF_AND_INSTRUCTOR),
    NotificationKind("party_star_rating_due", _("Star ratings due"), PARTY_STAFF),
    NotificationKind("party_joint_meeting_due", _("Joint party meetings due"), PARTY_STAFF),
    NotificationKind("party_transfer_due", _("Party membership transfers due"), PARTY_STAFF_AND_INSTRUCTOR),
]

contribution = Contribution(
    urls=("party/", "partybuild.urls"),
    navigation=nav.items,
    menu=_("Party building"),
    panels={"organization": panels.organization_panel, "evaluation": panels.evaluation_panel},
    scanners=[
        deadlines.instructor_missing,
        deadlines.stage_idle,
        deadlines.star_rating_due,
        deadlines.joint_meeting_due,
        deadlines.transfer_due,
    ],
    calendar=calendar.events,
    notification_kinds=NOTIFICATION_KINDS,
    dashboard=[DashboardSection("partybuild/dashboard/section.html", dashboard.gather, order=30)],
    report=[ReportSection(dashboard.REPORT_COLUMNS, dashboard.report_figures, order=30)],
    hooks={ORGANIZATION_ADMITTED: on_organization_admitted},
    role_models={
        # Member records, their access log and the two-way flow (which names members) are for party staff only.
        Role.PARK_STAFF: ["partyorganization", "support", "jointmeeting", "training", "starrating", "honour"],
        Role.PARTY_STAFF: [
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
    },
    demo="partybuild.demo",
    bench="partybuild.bench",
    access_rules="tests.access.partybuild",
)
