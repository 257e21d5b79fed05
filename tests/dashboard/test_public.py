import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orgs.models import Category
from tests.factories import OrganizationFactory, SiteFactory
from tests.orgs.factories import IncubationFactory, in_shell

pytestmark = pytest.mark.django_db
URL = reverse("orgs:directory")


def listed(**kwargs):
    return in_shell(publish_in_directory=True, **kwargs).organization


def test_the_directory_lists_only_admitted_organizations_that_agreed(client):
    shown = listed(name="草原公益服务中心", services="为独居老人上门服务")
    hidden = in_shell(name="未同意公开的协会").organization
    applying = IncubationFactory(organization=OrganizationFactory(name="尚在申请的协会", publish_in_directory=True))
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert shown.name in html and "为独居老人上门服务" in html
    assert hidden.name not in html
    assert applying.organization.name not in html
    # Only what the organization agreed to publish: never its contacts or code.
    assert shown.contact_phone not in html
    assert shown.uscc not in html
    assert shown.person_in_charge not in html


def test_the_directory_filters_by_field_site_and_words(client):
    site = SiteFactory(name="王府社区孵化器")
    culture = listed(name="乌兰牧骑文艺队", category=Category.CULTURE_SPORTS, site=site)
    charity = listed(name="暖心慈善会", category=Category.CHARITY)
    assert list(client.get(URL, {"category": Category.CULTURE_SPORTS}).context["page"]) == [culture]
    assert list(client.get(URL, {"site": site.pk}).context["page"]) == [culture]
    assert list(client.get(URL, {"q": "暖心"}).context["page"]) == [charity]
    bad = client.get(URL, {"category": "nonsense", "q": "暖心"})
    assert bad.status_code == 200 and "暖心" in bad.content.decode()


def test_the_directory_keeps_a_constant_number_of_queries(client, django_assert_num_queries):
    listed()
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for _ in range(25):
        listed()
    with django_assert_num_queries(len(small)):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 26


def test_the_directory_has_a_title_and_description_for_sharing(client):
    html = client.get(URL).content.decode()
    assert "<title>社会组织名录" in html
    assert '<meta property="og:title" content="社会组织名录' in html
    assert '<meta name="description" content="伊金霍洛旗' in html


def test_visitors_reach_the_public_pages_from_the_home_page(client):
    html = client.get(reverse("home")).content.decode()
    for name in ("orgs:calls", "venture:rounds", "venture:funded", "orgs:directory"):
        assert f'href="{reverse(name)}"' in html, name


def test_staff_find_the_dashboard_in_their_navigation(client):
    from tests.factories import StaffFactory, UserFactory

    client.force_login(StaffFactory())
    assert f'href="{reverse("dashboard:dashboard")}"' in client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    assert reverse("dashboard:dashboard") not in client.get(reverse("home")).content.decode()
