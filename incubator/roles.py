"""The portal's roles. Each is a Django Group (created by a data migration); object-level rules live in each
app's permissions.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARK_STAFF = "park_staff", _("Park staff")
    PARTY_STAFF = "party_staff", _("Party-building staff")
    APPLICANT = "applicant", _("Applicant organization member")
    EXPERT = "expert", _("Expert reviewer")
    INSTRUCTOR = "instructor", _("Party-building instructor")


STAFF_ROLES = (Role.PARK_STAFF, Role.PARTY_STAFF)


def holders(role):
    """The active accounts holding `role`: whom a role's reminders go to, whom a form offers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=role, is_active=True)
