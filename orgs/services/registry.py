"""Accounts, applications, documents and details of organizations."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

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
    """Save the applicant's form as a draft, or submit it: then the organization's way through the park starts
    at 项目申请 (again, after a declined, withdrawn or completed one). Every application is kept."""
    permissions.require_member(by, application.organization)
    organization = application.organization
    incubation = Incubation.objects.select_for_update().filter(organization=organization).first()
    if application.pk:
        stored = Application.objects.select_for_update().get(pk=application.pk)
        if not stored.is_draft:
            raise ValidationError(_("This application is already submitted; ask park staff to change it."))
    if incubation is not None and not can_proceed(incubation.apply_again):
        raise ValidationError(
            interpolate(
                _(
                    "Your organization is already on its way through the park (%(stage)s); it can apply again once that ends."
                ),
                {"stage": incubation.get_stage_display()},
            )
        )
    application.created_by = application.created_by or by
    application.updated_at = timezone.now()
    application.validate_constraints()
    if submit:
        application.submit(timezone.now())
    application._history_user = by
    application._change_reason = str(Application.Status.SUBMITTED.label if submit else _("Draft saved"))
    application.save()
    if submit:
        _start_incubation(by, application, incubation)
    return application


def _start_incubation(by, application, incubation):
    organization = application.organization
    if organization.track != application.track:
        organization.track = application.track
        organization.save(update_fields=["track"])
    today = timezone.localdate()
    if incubation is None:
        incubation = Incubation.objects.create(**Incubation.on_application(organization, today))
        from_stage = ""
    else:
        from_stage = incubation.stage
        incubation.apply_again(today)
        incubation.save()
    log_step(incubation, by, from_stage, "apply", today, application.call.title if application.call else "")
    notify(
        park_staff(),
        "orgs_application_submitted",
        interpolate(_("New application to the park: %(org)s"), {"org": organization.name}),
        application.project_title,
        url=reverse("orgs:organization", args=[organization.pk]),
    )


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
