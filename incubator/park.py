"""What the core brings to the park (incubator.protocol): the administration and the dashboard in staff
navigation, the dashboard's Excel jobs, the background-work notification, and the core's demo and benchmark."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .dashboard.figures import figures_workbook
from .dashboard.report import annual_report_workbook
from .navigation import NavItem
from .protocol import Contribution, NotificationKind
from .roles import Role


def navigation(user):
    items = []
    if not user.is_authenticated:
        return items
    if user.is_park_staff or user.is_party_staff:
        items.append(NavItem(_("Dashboard"), reverse("dashboard:dashboard"), _("The park at a glance, in charts"), 5))
    if user.is_park_staff:
        items.append(
            NavItem(
                _("Annual report"),
                reverse("dashboard:annual"),
                _("The Banner's annual figures per site and field; print or Excel"),
                6,
            )
        )
    if user.is_park_staff:
        items.append(
            NavItem(
                _("Reset links"),
                reverse("reset_links"),
                _("A new password for an account without email, issued when its holder calls"),
                88,
            )
        )
    if user.is_staff or user.is_superuser:
        items.append(NavItem(_("Administration"), reverse("admin:index"), _("All records of the park"), 90))
    return items


contribution = Contribution(
    navigation=navigation,
    notification_kinds=[NotificationKind("job_finished", _("My background work is finished"))],
    jobs={"dashboard.figures": figures_workbook, "dashboard.annual_report": annual_report_workbook},
    role_models={
        Role.PARK_STAFF: ["site", "parkprofile", "rubric", "criterion", "reminder", "notification"],
        Role.PARTY_STAFF: ["rubric", "criterion"],
    },
    demo="incubator.demo",
    bench="incubator.bench",
    access_rules="tests.access.rules",
)
