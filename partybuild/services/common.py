"""Helpers the party services share."""

from datetime import datetime

from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from incubator.roles import Role, holders

from ..models import PartyCase


def party_staff():
    return holders(Role.PARTY_STAFF)


def case_url(case):
    return reverse("partybuild:case", args=[case.organization_id])


def local_date(when):
    if when is None:
        return timezone.localdate()
    if isinstance(when, datetime):
        return timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return when


def touch(cases, on=None):
    """Record activity on a case (or a queryset of cases) on the day it happened; never move it back."""
    qs = cases if hasattr(cases, "update") else PartyCase.objects.filter(pk=cases.pk)
    on = min(on or timezone.localdate(), timezone.localdate())
    qs.update(last_activity_on=Greatest(F("last_activity_on"), Value(on)))
