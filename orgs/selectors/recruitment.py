"""Recruitment calls: the open ones for the public, every one for staff."""

from django.db.models import Count, Q
from django.utils import timezone

from incubator.models import Site

from ..models import RecruitmentCall


def open_calls(today=None):
    today = today or timezone.localdate()
    return (
        RecruitmentCall.objects.filter(published=True, opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .prefetch_related("sites")
    )


def calls_for_staff():
    """Every call, newest first, with its sites and how many applications it drew (two queries)."""
    return RecruitmentCall.objects.prefetch_related("sites").annotate(applications_n=Count("applications"))


def active_sites():
    return Site.objects.filter(is_active=True).order_by("order", "id")


def published_calls():
    return RecruitmentCall.objects.filter(published=True).prefetch_related("sites")
