"""Supports, joint meetings, star ratings, training, the two-way flow and honours."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.services import interpolate

from ..models import JointMeeting, PartyCase, PartyOrganization, RatingScore, StarRating, Support
from ..permissions import can_see_members, can_work_on, is_party_staff
from .common import touch

# Supports, meetings, ratings -------------------------------------------------------------------------


@transaction.atomic
def record_support(by, support):
    """Record a support (a form's unsaved instance) for an organization or a party organization."""
    case = PartyCase.objects.filter(organization_id=support.organization_id).first()
    if not (is_party_staff(by) or case is not None and can_work_on(by, case)):
        raise PermissionDenied
    if support.kind == Support.Kind.FUNDS and support.amount is None:
        raise ValidationError({"amount": _("Give the amount of party funds.")})
    support.recorded_by = by
    support.full_clean()
    support.save()
    if case is not None:
        touch(case, support.given_on)
    return support


@transaction.atomic
def record_meeting(by, meeting, attending=()):
    if not is_party_staff(by):
        raise PermissionDenied
    meeting.recorded_by = by
    meeting.full_clean()
    meeting.save()
    meeting.attending_organizations.set(attending)
    party_organization = PartyOrganization.objects.select_for_update().get(pk=meeting.party_organization_id)
    latest = JointMeeting.objects.filter(party_organization=party_organization).order_by("-held_on").first()
    party_organization.schedule_next_meeting(latest.held_on)
    party_organization.save(update_fields=["next_meeting_due"])
    touch(PartyCase.objects.filter(organization__in=list(attending)), meeting.held_on)
    return meeting


@transaction.atomic
def rate(by, party_organization, year, scheme, points_by_indicator, innovation=False):
    """Score a party organization for a year against a scheme: a draft until announced."""
    if not is_party_staff(by):
        raise PermissionDenied
    indicators = list(scheme.indicators.all())
    errors = {}
    for indicator in indicators:
        value = points_by_indicator.get(indicator.pk)
        if value is None or value < 0 or value > indicator.max_points:
            errors[f"indicator_{indicator.pk}"] = interpolate(
                _("Give 0 to %(max)s points."), {"max": indicator.max_points}
            )
    if errors:
        raise ValidationError(errors)
    if StarRating.objects.filter(party_organization=party_organization, year=year).exists():
        raise ValidationError(_("This party organization is already rated for that year."))
    total = sum((points_by_indicator[i.pk] for i in indicators), Decimal(0))
    rating = StarRating.objects.create(
        party_organization=party_organization,
        year=year,
        scheme=scheme,
        innovation=innovation,
        points=total,
        stars=scheme.stars_for(total, innovation),
        rated_by=by,
    )
    RatingScore.objects.bulk_create(
        RatingScore(rating=rating, indicator=i, points=points_by_indicator[i.pk]) for i in indicators
    )
    return rating


@transaction.atomic
def announce_rating(by, rating):
    if not is_party_staff(by):
        raise PermissionDenied
    rating = StarRating.objects.select_for_update().select_related("scheme").get(pk=rating.pk)
    if not can_proceed(rating.announce):
        raise ValidationError(_("Only a draft rating can be announced."))
    rating.announce(until=timezone.localdate() + timezone.timedelta(days=rating.scheme.publicity_days))
    rating.save()
    return rating


@transaction.atomic
def finalize_rating(by, rating):
    if not is_party_staff(by):
        raise PermissionDenied
    rating = StarRating.objects.select_for_update().get(pk=rating.pk)
    if not can_proceed(rating.finalize):
        raise ValidationError(_("A rating becomes final only after its public announcement has ended."))
    rating.finalize()
    rating.save()
    return rating


# Training, the two-way flow and honours (third and fourth synchronisations) ---------------------------


@transaction.atomic
def record_training(by, training):
    case = PartyCase.objects.filter(organization_id=training.organization_id).first()
    if not (is_party_staff(by) or case is not None and can_work_on(by, case)):
        raise PermissionDenied
    training.full_clean()
    training.save()
    if case is not None:
        touch(case, training.held_on)
    return training


@transaction.atomic
def record_flow(by, flow):
    """A member trained to lead the organization, or a backbone developed into a member (双向流动)."""
    case = flow.member.case
    if not can_see_members(by, case):
        raise PermissionDenied
    flow.full_clean()
    flow.save()
    touch(case, flow.on)
    return flow


@transaction.atomic
def award_honour(by, honour):
    """Model selection (示范评选) and commendations of party organizations, members and collectives."""
    if not is_party_staff(by):
        raise PermissionDenied
    honour.full_clean()
    honour.save()
    return honour
