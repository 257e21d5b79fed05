"""Accounts, applications, documents and details of organizations."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.models import User
from incubator.roles import Role
from incubator.services import interpolate, notify

from .. import permissions
from ..models import (
    Application,
    Incubation,
    Membership,
)
from .common import log_step, park_staff


@transaction.atomic
def register_applicant(*, username, password, full_name, phone, email, organization, position=""):
    """Self-registration: a new applicant account for a new organization, waiting for staff to confirm."""
    organization.full_clean()
    organization.save()
    user = User.objects.create_user(username=username, password=password, full_name=full_name, phone=phone, email=email)
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    membership = Membership.objects.create(user=user, organization=organization, position=position)
    staff = park_staff()
    notify(
        staff,
        "membership_requested",
        interpolate(_("New applicant account waiting for confirmation: %(org)s"), {"org": organization.name}),
        url=reverse("orgs:accounts"),
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


@transaction.atomic
def save_call(by, form):
    """Create or change a recruitment call from staff's valid form; published calls show on the public page."""
    if not by.is_park_staff:
        raise PermissionDenied
    return form.save()


@transaction.atomic
def decline_membership(by, membership, reason):
    """The account does not speak for the organization (not its member, a duplicate): the link is removed and
    the applicant told why; the account and the organization's record stay."""
    if not by.is_park_staff:
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason; the applicant is told why.")})
    if membership.is_confirmed:
        raise ValidationError(_("This account is already confirmed."))
    organization = membership.organization
    membership.delete()
    notify(
        [membership.user],
        "membership_declined",
        interpolate(_("Your account was not confirmed for %(org)s"), {"org": organization.name}),
        reason,
        url=reverse("workspace"),
    )


@transaction.atomic
def save_application(by, application, submit=False):
    """Save the applicant's form as a draft, or submit it: then the incubation starts at 项目申请."""
    permissions.require_member(by, application.organization)
    if application.pk and Application.objects.filter(pk=application.pk, status=Application.Status.SUBMITTED).exists():
        raise ValidationError(_("This application is already submitted; ask park staff to change it."))
    application.created_by = application.created_by or by
    application.updated_at = timezone.now()
    organization = application.organization
    if submit:
        if Incubation.objects.filter(organization=organization).exists():
            raise ValidationError(_("Your organization already has an incubation record; ask park staff."))
        application.status = Application.Status.SUBMITTED
        application.submitted_at = timezone.now()
    application.save()
    if submit:
        if organization.track != application.track:
            organization.track = application.track
            organization.save(update_fields=["track"])
        today = timezone.localdate()
        incubation = Incubation.objects.create(**Incubation.on_application(organization, today))
        log_step(incubation, by, "", "apply", today, "")
        notify(
            park_staff(),
            "orgs_application_submitted",
            interpolate(_("New application to the park: %(org)s"), {"org": organization.name}),
            application.project_title,
            url=reverse("orgs:organization", args=[organization.pk]),
        )
    return application


@transaction.atomic
def upload_document(by, organization, kind, upload):
    """An applicant adds a document to its own organization, or staff to any (the upload is already checked)."""
    if not by.is_park_staff:
        permissions.require_member(by, organization)
    document = organization.documents.model(organization=organization, kind=kind)
    document.attach(upload, by)
    document.save()
    return document


@transaction.atomic
def update_profile(by, organization):
    """An applicant updates its own organization's contact and service details (the form limits the fields)."""
    if not by.is_park_staff:
        permissions.require_member(by, organization)
    organization.full_clean()
    organization.save()
    return organization
