"""Declining a drawn round panel when the next reserve is affiliated with one of the organizations under
review: the next eligible reserve takes the place (a ValidationError used to escape)."""

import pytest
from django.urls import reverse

from orgs.models import Expertise, Seat
from tests.factories import ExpertProfileFactory, OrganizationFactory
from tests.venture.factories import ProposalFactory
from tests.venture.helpers import screened
from venture import services
from venture.models import Assignment

pytestmark = pytest.mark.django_db


def test_a_decline_passes_over_an_affiliated_reserve(round_, staff, client):
    proposals = [ProposalFactory(round=round_, organization=OrganizationFactory()) for _ in range(2)]
    for proposal in proposals:
        screened(proposal, staff)
    for _ in range(8):
        ExpertProfileFactory(fields=[Expertise.ELDERLY_CARE])
    draw = services.draw_for_round(staff, round_, round_.experts_per_proposal, 2, seed="2014")
    first_reserve, second_reserve = draw.seats.filter(status=Seat.Status.RESERVE).order_by("position")
    profile = first_reserve.expert.expert_profile
    profile.affiliation = proposals[1].organization.name
    profile.save()
    leaving = draw.seats.filter(status=Seat.Status.PANEL).order_by("position").first()
    client.force_login(leaving.expert)
    response = client.post(reverse("orgs:seat_leave", args=[leaving.pk]), {"reason": "临时出差"})
    assert response.status_code == 302
    second_reserve.refresh_from_db()
    first_reserve.refresh_from_db()
    assert second_reserve.status == Seat.Status.PANEL and first_reserve.status == Seat.Status.RESERVE
    assert Assignment.objects.filter(expert=second_reserve.expert, proposal__round=round_).exists()
    assert not Assignment.objects.filter(expert=first_reserve.expert, proposal__round=round_).exists()
