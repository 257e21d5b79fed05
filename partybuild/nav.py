"""What partybuild adds to each role's navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem


def items(user):
    result = []
    if not user.is_authenticated:
        return result
    if user.is_party_staff:
        result += [
            NavItem(
                _("Party workbench"), reverse("partybuild:workbench"), _("Coverage, stages, branches, supports"), 20
            ),
            NavItem(_("Party incubation"), reverse("partybuild:cases"), _("Every organization's party incubation"), 21),
            NavItem(
                _("Party organizations"), reverse("partybuild:structure"), _("The 1+1+6 structure and branches"), 22
            ),
        ]
    elif user.is_park_staff:
        result.append(NavItem(_("Party incubation"), reverse("partybuild:cases"), _("Stages and member counts"), 60))
    if user.is_instructor:
        result.append(
            NavItem(
                _("My organizations"), reverse("partybuild:mine"), _("The organizations whose party work you guide"), 20
            )
        )
    return result
