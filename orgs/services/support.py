"""Spaces, service entries and government-service bids."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import (
    SpaceAllocation,
)


@transaction.atomic
def allocate_space(by, space, organization, when=None, note=""):
    permissions.require_staff(by)
    if SpaceAllocation.objects.select_for_update().filter(space=space, released_on__isnull=True).exists():
        raise ValidationError({"space": _("This space is already held by another organization.")})
    return SpaceAllocation.objects.create(
        space=space, organization=organization, allocated_on=when or timezone.localdate(), allocated_by=by, note=note
    )


@transaction.atomic
def release_space(by, allocation, when=None):
    permissions.require_staff(by)
    if allocation.released_on is None:
        allocation.released_on = when or timezone.localdate()
        allocation.released_by = by
        allocation.save(update_fields=["released_on", "released_by"])
    return allocation


@transaction.atomic
def record_service(by, entry):
    """A service entry (type, date, staff, hours, notes) on an organization."""
    permissions.require_staff(by)
    entry.staff = entry.staff or by
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def record_bid(by, bid):
    permissions.require_staff(by)
    bid.recorded_by = by
    bid.full_clean()
    bid.save()
    return bid
