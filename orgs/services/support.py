"""Spaces, service entries and government-service bids."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import (
    Space,
    SpaceAllocation,
)


@transaction.atomic
def allocate_space(by, space, organization, when=None, note=""):
    """Staff give a space to an organization whose stage may hold it (SpaceAllocation.clean says which)."""
    permissions.require_staff(by)
    if SpaceAllocation.objects.select_for_update().filter(space=space, released_on__isnull=True).exists():
        raise ValidationError({"space": _("This space is already held by another organization.")})
    allocation = SpaceAllocation(
        space=space, organization=organization, allocated_on=when or timezone.localdate(), allocated_by=by, note=note
    )
    allocation.full_clean()
    allocation._history_user = by
    allocation.save()
    return allocation


@transaction.atomic
def release_space(by, allocation, when=None, reason=""):
    """The space goes back to the park, with who released it, when and why."""
    permissions.require_staff(by)
    allocation = SpaceAllocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.released_on is None:
        allocation.released_on = when or timezone.localdate()
        allocation.released_by = by
        allocation.release_reason = str(reason or _("Released by park staff"))[:200]
        allocation._history_user = by
        allocation._change_reason = allocation.release_reason[:100]
        allocation.save(update_fields=["released_on", "released_by", "release_reason"])
    return allocation


def release_spaces_left_behind(by, incubation, when, reason):
    """After a move: the spaces the organization's new stage may no longer hold go back to the park, through the
    same release staff use on the workbench (an exit, a decline, the end of a stage)."""
    held = SpaceAllocation.objects.filter(organization=incubation.organization, released_on__isnull=True)
    for allocation in held.select_related("space"):
        if incubation.stage not in Space.Kind(allocation.space.kind).held_in():
            release_space(by, allocation, when, reason)


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
