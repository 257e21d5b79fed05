"""Panels on other apps' record pages (fourth synchronisation: evaluation and star rating together).

They show the party organization's coverage, stage, counts and latest star rating; never member names."""

from django.utils.translation import gettext_lazy as _

from incubator.panels import Panel

from . import selectors
from .models import PartyCase
from .permissions import can_see_members, can_view_case


def _context(request, organization):
    case = PartyCase.objects.filter(organization=organization).select_related("organization").first()
    priority = selectors.project_priority(organization)
    return {
        "party_case": case,
        "priority": priority,
        "party_case_link": case is not None and can_view_case(request.user, case),
        "party_members_link": case is not None and can_see_members(request.user, case),
    }


def organization_panel(request, organization):
    return Panel(_("Party building"), "partybuild/panel.html", _context(request, organization), order=60)


def evaluation_panel(request, evaluation):
    """Beside an organization's evaluation: its party organization's star rating, an input staff can weigh."""
    return Panel(
        _("Party organization star rating"), "partybuild/panel.html", _context(request, evaluation.organization), 40
    )
