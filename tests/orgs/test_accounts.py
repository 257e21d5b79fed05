"""Staff confirm or decline applicant accounts on the workbench; the applicant is told either way."""

import pytest
from django.urls import reverse

from incubator.models import Notification
from orgs.models import Membership
from tests.factories import OrganizationFactory, StaffFactory, applicant_of

pytestmark = pytest.mark.django_db
URL = reverse("orgs:accounts")
CONFIRM, DECLINE = reverse("orgs:membership_confirm"), reverse("orgs:membership_decline")


@pytest.fixture
def waiting():
    return [applicant_of(OrganizationFactory(name=f"待确认组织{i}"), confirmed_at=None).membership for i in range(3)]


def test_staff_see_the_waiting_accounts_in_a_fixed_number_of_queries(client, waiting, django_assert_max_num_queries):
    client.force_login(StaffFactory())
    client.get(URL)
    with django_assert_max_num_queries(12) as queries:
        page = client.get(URL).content.decode()
    small = len(queries)
    for i in range(3, 30):
        applicant_of(OrganizationFactory(name=f"待确认组织{i}"), confirmed_at=None)
    with django_assert_max_num_queries(small):
        page = client.get(URL).content.decode()
    assert all(f"待确认组织{i}" in page for i in range(30))
    assert "30 个账号等待确认" in page


def test_confirming_lets_the_applicant_speak_for_the_organization(client, waiting):
    staff = StaffFactory()
    client.force_login(staff)
    membership = waiting[0]
    response = client.post(CONFIRM, {"membership": membership.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.confirmed_by == staff
    assert Notification.objects.filter(recipient=membership.user, kind="membership_confirmed").exists()
    assert "已确认" in client.get(URL).content.decode()


def test_declining_needs_a_reason_and_keeps_what_was_typed(client, waiting):
    client.force_login(StaffFactory())
    membership = waiting[1]
    field = f"m{membership.pk}"
    page = client.post(DECLINE, {"membership": membership.pk, f"{field}-reason": "  "})
    assert page.status_code == 200 and "请说明理由" in page.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(DECLINE, {"membership": membership.pk, f"{field}-reason": "电话核实非该组织成员"})
    assert response.status_code == 302 and not Membership.objects.filter(pk=membership.pk).exists()
    note = Notification.objects.get(recipient=membership.user, kind="membership_declined")
    assert "电话核实非该组织成员" in note.body


@pytest.mark.parametrize("membership", ["", "abc", "999999", "²"])
def test_a_bad_or_unknown_account_is_not_found(client, waiting, membership):
    client.force_login(StaffFactory())
    for url in (CONFIRM, DECLINE):
        assert client.post(url, {"membership": membership}).status_code == 404


def test_applicants_cannot_reach_the_page(client, waiting):
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.get(URL).status_code == 403
    membership = waiting[0]
    assert client.post(CONFIRM, {"membership": membership.pk}).status_code == 403
    membership.refresh_from_db()
    assert membership.confirmed_at is None
