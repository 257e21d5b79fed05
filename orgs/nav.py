"""What orgs adds to each role's navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem


def items(user):
    result = []
    if user.is_authenticated and user.is_park_staff:
        result.append(
            NavItem(
                _("Applicant accounts"),
                reverse("admin:orgs_membership_changelist") + "?confirmed_at__isempty=1",
                _("Confirm new applicant organizations' accounts"),
                80,
            )
        )
    return result
