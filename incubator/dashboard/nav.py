"""The dashboard in park and party staff navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.navigation import NavItem


def items(user):
    if user.is_authenticated and (user.is_park_staff or user.is_party_staff):
        return [NavItem(_("Dashboard"), reverse("dashboard:dashboard"), _("The park at a glance, in charts"), 5)]
    return []
