"""Every change a user makes to the registry, as one function each."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import User
from incubator.roles import Role
from incubator.services import interpolate, notify

from .models import Membership


@transaction.atomic
def register_applicant(*, username, password, full_name, phone, email, organization, position=""):
    """Self-registration: a new applicant account for a new organization, waiting for staff to confirm."""
    organization.full_clean()
    organization.save()
    user = User.objects.create_user(username=username, password=password, full_name=full_name, phone=phone, email=email)
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    membership = Membership.objects.create(user=user, organization=organization, position=position)
    staff = User.objects.filter(groups__name=Role.PARK_STAFF, is_active=True)
    notify(
        staff,
        "membership_requested",
        interpolate(_("New applicant account waiting for confirmation: %(org)s"), {"org": organization.name}),
        url=reverse("admin:orgs_membership_changelist") + "?confirmed_at__isnull=True",
    )
    return membership


@transaction.atomic
def confirm_membership(by, membership):
    if not by.is_park_staff:
        raise PermissionDenied
    if membership.is_confirmed:
        return membership
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = by
    membership.save(update_fields=["confirmed_at", "confirmed_by"])
    notify(
        [membership.user],
        "membership_confirmed",
        interpolate(_("Your account for %(org)s is confirmed"), {"org": membership.organization.name}),
        _("You can now apply to the park and file proposals for your organization."),
        url=reverse("workspace"),
    )
    return membership
