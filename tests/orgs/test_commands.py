"""Commands that the access matrix reaches only by GET (they change the world when allowed): a POST from anyone
but the role they are for changes nothing, and a refused one comes back with the reason."""

import pytest
from django.urls import reverse

from orgs import services
from orgs.models import Seat
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    ExpertProfileFactory()
    draw = services.draw_panel(StaffFactory(), "入壳评估", [OrganizationFactory()], 1, 0, seed="commands")
    return draw.seats.get()


def test_only_the_drawn_expert_accepts_their_pledge(client, seat):
    url = reverse("orgs:pledge_accept", args=[seat.pk])
    for someone in (ExpertProfileFactory().user, StaffFactory(), applicant_of(OrganizationFactory())):
        client.force_login(someone)
        assert client.post(url).status_code == 404
    assert Seat.objects.get(pk=seat.pk).pledge_accepted_at is None
    client.force_login(seat.expert)
    assert client.post(url).status_code == 302
    assert Seat.objects.get(pk=seat.pk).pledge_accepted_at is not None


def test_only_staff_reinstate_a_suspended_expert(client):
    profile = ExpertProfileFactory()
    services.suspend_expert(StaffFactory(), profile, "多次无故缺席评审")
    url = reverse("orgs:pool_expert_reinstate", args=[profile.pk])
    for someone in (profile.user, applicant_of(OrganizationFactory())):
        client.force_login(someone)
        assert client.post(url).status_code == 403
    profile.refresh_from_db()
    assert profile.suspended_at is not None
    client.force_login(StaffFactory())
    assert client.post(url).status_code == 302
    profile.refresh_from_db()
    assert profile.suspended_at is None


def test_approving_a_change_that_is_not_waiting_is_refused_with_the_reason(client):
    profile = ExpertProfileFactory()
    client.force_login(StaffFactory())
    response = client.post(reverse("orgs:pool_expert_approve", args=[profile.pk]))
    assert response.status_code == 200 and "没有待审核的修改" in response.content.decode()


def test_a_page_is_not_a_command(client, seat):
    """The pages only show: a POST to a page's own address is not allowed."""
    client.force_login(seat.expert)
    assert client.post(reverse("orgs:pledge", args=[seat.pk])).status_code == 405
    assert Seat.objects.get(pk=seat.pk).pledge_accepted_at is None
