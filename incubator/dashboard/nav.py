"""The dashboard in staff navigation; the public pages in a visitor's."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem


def items(user):
    if not user.is_authenticated:
        return public_items()
    result = []
    if user.is_park_staff or user.is_party_staff:
        result.append(NavItem(_("Dashboard"), reverse("dashboard:dashboard"), _("The park at a glance, in charts"), 5))
    if user.is_park_staff:
        result.append(
            NavItem(
                _("Annual report"),
                reverse("dashboard:annual"),
                _("The Banner's annual figures per site and field; print or Excel"),
                6,
            )
        )
    return result


def public_items():
    """What a visitor may read without an account (venture adds its rounds and announcements itself)."""
    return [
        NavItem(_("Recruitment calls"), reverse("orgs:calls"), _("Open calls for organizations to apply"), 28),
        NavItem(_("Funded projects"), reverse("venture:funded"), _("Venture projects funded in each round"), 31),
        NavItem(
            _("Organization directory"),
            reverse("park:directory"),
            _("Organizations incubated in the park and what they offer"),
            32,
        ),
    ]
