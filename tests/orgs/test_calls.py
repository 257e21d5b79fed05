"""Staff publish recruitment calls (招募公告) from the workbench; the public page shows the open ones."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.models import RecruitmentCall
from tests.factories import OrganizationFactory, SiteFactory, StaffFactory, applicant_of
from tests.orgs.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def data(site, **changes):
    today = timezone.localdate()
    return {
        "title": "2026年社会组织入驻招募",
        "tracks": ["incubation", "resident"],
        "sites": [site.pk],
        "opens_on": today.isoformat(),
        "closes_on": "",
        "body": "面向全旗招募公益类社会组织。",
        "materials": "登记证书、章程",
        "published": "on",
    } | changes


def test_staff_publish_a_call_and_the_public_sees_it(client):
    site = SiteFactory(name="王府社区社会组织孵化器")
    client.force_login(StaffFactory())
    response = client.post(reverse("orgs:staff_call_new"), data(site))
    assert response.status_code == 302
    call = RecruitmentCall.objects.get()
    assert call.tracks == ["incubation", "resident"] and list(call.sites.all()) == [site]
    client.logout()
    assert "2026年社会组织入驻招募" in client.get(reverse("orgs:calls")).content.decode()


def test_a_call_closing_before_it_opens_is_refused_and_nothing_typed_is_lost(client):
    site = SiteFactory()
    client.force_login(StaffFactory())
    response = client.post(reverse("orgs:staff_call_new"), data(site, closes_on="2000-01-01", tracks=[]))
    page = response.content.decode()
    assert response.status_code == 200 and not RecruitmentCall.objects.exists()
    assert "截止日期不能早于开始日期" in page and "这个字段是必填项" in page
    assert "2026年社会组织入驻招募" in page and "登记证书、章程" in page


def test_the_list_counts_applications_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    site = SiteFactory()
    client.force_login(StaffFactory())
    for i in range(3):
        client.post(reverse("orgs:staff_call_new"), data(site, title=f"招募{i}"))
    first = RecruitmentCall.objects.order_by("pk").first()
    ApplicationFactory(call=first)
    client.get(reverse("orgs:staff_calls"))
    with django_assert_max_num_queries(12) as queries:
        client.get(reverse("orgs:staff_calls"))
    small = len(queries)  # read now: the next requests clear the query log
    for i in range(3, 20):
        client.post(reverse("orgs:staff_call_new"), data(site, title=f"招募{i}"))
    with django_assert_max_num_queries(small):
        page = client.get(reverse("orgs:staff_calls")).content.decode()
    assert page.count("/orgs/staff/calls/") >= 20


def test_staff_edit_a_call_and_applicants_cannot(client):
    site = SiteFactory()
    client.force_login(StaffFactory())
    client.post(reverse("orgs:staff_call_new"), data(site))
    call = RecruitmentCall.objects.get()
    url = reverse("orgs:staff_call_edit", args=[call.pk])
    assert client.post(url, data(site, published="")).status_code == 302
    call.refresh_from_db()
    assert not call.published
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.get(url).status_code == 403
    assert client.post(url, data(site)).status_code == 403
    call.refresh_from_db()
    assert not call.published


def test_apply_online_leads_each_role_where_it_can_apply(client):
    site = SiteFactory()
    client.force_login(StaffFactory())
    client.post(reverse("orgs:staff_call_new"), data(site))
    call = RecruitmentCall.objects.get()
    pages = (reverse("orgs:calls"), reverse("orgs:call", args=[call.pk]))
    client.logout()
    for page in pages:  # a visitor registers first
        assert f'href="{reverse("orgs:register")}"' in client.get(page).content.decode()
    client.force_login(applicant_of(OrganizationFactory(), confirmed_at=None))
    for page in pages:  # an applicant's own page says what comes next, confirmed or not
        assert f'href="{reverse("orgs:my_organization")}"' in client.get(page).content.decode()
    client.force_login(StaffFactory())
    applying = [reverse(name) for name in ("orgs:register", "orgs:my_organization", "orgs:my_application")]
    for page in pages:  # staff do not apply
        content = client.get(page).content.decode()
        assert not [url for url in applying if f'href="{url}"' in content]
