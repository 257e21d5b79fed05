"""The demo's expert pool and the draw record of the 2014 round, twice seeded."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from incubator.models import User
from incubator.roles import Role
from orgs import services
from orgs.models import Draw, ExpertProfile, Seat
from venture.models import Assignment, Round

pytestmark = pytest.mark.django_db


def test_the_demo_pool_and_the_2014_draw_record(client):
    call_command("seed_demo", stdout=io.StringIO())
    history = Draw.history.count() + Seat.history.count() + ExpertProfile.history.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Draw.history.count() + Seat.history.count() + ExpertProfile.history.count() == history
    assert 38 <= ExpertProfile.objects.filter(user__groups__name=Role.EXPERT).count() <= 45
    assert ExpertProfile.objects.filter(suspended_at__isnull=False).count() == 1
    first = Round.objects.get(code="2014-1")
    draw = Draw.objects.get(target_id=first.pk, target_type__model="round")
    assert services.repeat(draw) == [s.expert_id for s in draw.seats.order_by("position")]
    assert list(draw.events.values_list("kind", flat=True)[:3]) == ["drawn", "declined", "promoted"]
    panel = set(draw.seats.filter(status=Seat.Status.PANEL).values_list("expert_id", flat=True))
    assert len(panel) == 5
    assert set(Assignment.objects.filter(proposal__round=first).values_list("expert_id", flat=True)) == panel
    assert User.objects.get(username="expert").pk in panel
    client.force_login(User.objects.get(username="staff"))
    record = client.get(reverse("orgs:draw_record", args=[draw.pk])).content.decode()
    assert "2014-03-21" in record and "旗纪委派驻监督员" in record
    assert client.get(reverse("orgs:pool")).status_code == 200
