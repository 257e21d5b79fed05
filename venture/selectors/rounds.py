"""Rounds as the public, applicants and staff list them."""

from django.utils import timezone

from ..models import Round
from .figures import round_figures


def public_rounds():
    return (
        Round.objects.filter(published=True)
        .select_related("rubric")
        .prefetch_related("eligible_sites", "tranche_plan", "rubric__criteria")
    )


def rounds_for_staff():
    """The staff's rounds, each with its figures (one query, whatever the number of rounds)."""
    return round_figures().select_related("rubric")


def open_rounds():
    today = timezone.localdate()
    return Round.objects.filter(published=True, opens_on__lte=today, submission_deadline__gte=today)
