"""What venture adds to each role's navigation and workspace cards."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem

from .permissions import files_proposals


def items(user):
    result = [NavItem(_("Venture philanthropy"), reverse("venture:rounds"), _("Rounds, calls and announcements"), 30)]
    if not user.is_authenticated:
        result.append(
            NavItem(_("Funded projects"), reverse("venture:funded"), _("Venture projects funded in each round"), 31)
        )
        return result
    if files_proposals(user):
        result.append(
            NavItem(
                _("My proposals"),
                reverse("venture:my_proposals"),
                _("File and follow your organization's venture proposals"),
                20,
            )
        )
    if user.is_expert:
        result.append(
            NavItem(
                _("Expert review"), reverse("venture:expert_portal"), _("Proposals and evaluations assigned to you"), 20
            )
        )
    if user.is_park_staff:
        result.append(
            NavItem(
                _("Venture rounds (staff)"),
                reverse("venture:staff_rounds"),
                _("Screening, review, ranking, announcement, agreements"),
                25,
            )
        )
    return result
