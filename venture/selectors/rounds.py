"""Rounds as the public, applicants and staff list them."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import ProposalState, Round

ZERO = Decimal(0)


def public_rounds():
    return (
        Round.objects.filter(published=True)
        .select_related("rubric")
        .prefetch_related("eligible_sites", "tranche_plan", "rubric__criteria")
    )


def rounds_for_staff():
    return Round.objects.select_related("rubric").annotate(
        proposal_count=Count("proposals", filter=~Q(proposals__state=ProposalState.DRAFT)),
        committed=Coalesce(Sum("awards__amount"), ZERO),
    )


def open_rounds():
    today = timezone.localdate()
    return Round.objects.filter(published=True, opens_on__lte=today, submission_deadline__gte=today)
