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


def grant_role_permissions(sender, apps=None, using="default", **kwargs):
    """post_migrate: give each role the admin permissions its app declares.

    An app's AppConfig may declare `role_models = {Role.X: ["model", ...]}`; the role gets every permission
    (view, add, change, delete) on those models. Sensitive models are simply not listed for other roles."""
    from django.contrib.auth.models import Group, Permission

    declared = getattr(sender, "role_models", None)
    if not declared:
        return
    for role, model_names in declared.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        perms = Permission.objects.using(using).filter(
            content_type__app_label=sender.label, content_type__model__in=[m.lower() for m in model_names]
        )
        group.permissions.add(*perms)


def holders(role):
    """The active accounts holding `role`: whom a role's reminders go to, whom a form offers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=role, is_active=True)
