from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incubator.models import User
from tests.factories import OrganizationFactory, PartyStaffFactory, StaffFactory, UserFactory, applicant_of

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:dashboard")


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=StringIO())


def get(client, user, params=""):
    client.force_login(user)
    return client.get(URL + params)


def test_the_demo_figures_match_the_article(client, demo):
    response = get(client, User.objects.get(username="staff"))
    assert response.status_code == 200
    density = response.context["density"]
    assert density["per_10k"] == Decimal("3.6")
    assert density["registered"] == 86
    assert density["timeline"][-1]["per_10k"] == Decimal("3.6")
    (round_2014,) = [r for r in response.context["money"]["rounds"] if r["round"].opens_on.year == 2014]
    assert round_2014["awarded"] == Decimal("440000")
    assert round_2014["pool"] - round_2014["awarded"] == round_2014["remaining"]
    charts = response.context["charts"]
    assert 440000.0 in charts["money"]["datasets"][1]["data"]
    assert "3.6" in response.content.decode()
    html = response.content.decode()
    assert "¥440000" in html  # Chinese number format: no thousands separator


def test_every_figure_links_to_the_list_it_counts(client, demo):
    response = get(client, User.objects.get(username="staff"))
    html = response.content.decode()
    assert reverse("orgs:organization_list") + "?stage=in_shell&amp;site=" in html
    assert reverse("orgs:spaces") in html
    assert reverse("venture:staff_rounds") in html
    assert reverse("partybuild:cases") in html
    overdue = response.context["overdue"]
    assert overdue[0]["url"] == reverse("orgs:organization_list") + "?overdue=true"
    for row in response.context["pipeline"]["rows"]:
        # The funnel's figures: reached the stage, and there now; each opens the list it counts.
        for figure, url in ((row["total"], row["url"]), (row["total_now"], row["now_url"])):
            assert client.get(url).context["page"].paginator.count == figure, (row["stage"], url)


def test_filters_by_site_and_year(client, demo):
    staff = User.objects.get(username="staff")
    everything = get(client, staff).context
    site = everything["density"]["sites"][0]["site"]
    by_site = get(client, staff, f"?site={site.pk}").context
    assert [row["site"] for row in by_site["density"]["sites"]] == [site]
    assert by_site["pipeline"]["sites"] == [site]
    assert [c.site for c in by_site["party"]["by_site"]] == [site]
    none_yet = get(client, staff, "?year=2013").context
    assert none_yet["money"]["rounds"] == []
    assert all(row["year"] <= 2013 for row in none_yet["density"]["timeline"])
    only_2014 = get(client, staff, "?year=2014").context
    assert {r["round"].opens_on.year for r in only_2014["money"]["rounds"]} == {2014}


def test_a_constant_number_of_queries_whatever_the_data_size(client, django_assert_num_queries):
    staff = StaffFactory()
    OrganizationFactory()
    client.force_login(staff)
    client.get(URL)  # the first visit creates the park profile and the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    small = len(small)  # read now: the connection's query log is a bounded deque the demo overflows
    call_command("seed_demo", stdout=StringIO())
    OrganizationFactory.create_batch(30)
    with django_assert_num_queries(small):
        response = client.get(URL)
    assert response.context["density"]["registered"] >= 86
    print(f"dashboard: {small} queries, small and large")


def test_party_staff_see_only_the_party_part(client, demo):
    response = get(client, PartyStaffFactory())
    assert response.status_code == 200
    assert "money" not in response.context
    assert set(response.context["charts"]) == {"coverage", "branches"}
    assert reverse("venture:staff_rounds") not in response.content.decode()


@pytest.mark.parametrize("make", [UserFactory, applicant_of])
def test_others_are_turned_away(client, make):
    client.force_login(make())
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_the_page_draws_from_a_json_block_without_inline_script(client, demo):
    html = get(client, User.objects.get(username="staff")).content.decode()
    assert '<script id="dashboard-charts" type="application/json">' in html
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html
    assert 'src="/static/dashboard/dashboard.js"' in html
    assert html.count("<canvas") == 8
    assert "cdn" not in html.lower()


def test_the_funnel_counts_every_organization_that_reached_a_stage():
    from orgs.dashboard import pipeline
    from orgs.models import Stage, StageLog
    from tests.factories import SiteFactory
    from tests.orgs.factories import IncubationFactory

    site = SiteFactory()
    waiting = IncubationFactory(organization=OrganizationFactory(site=site))
    withdrawn = IncubationFactory(organization=OrganizationFactory(site=site), stage=Stage.WITHDRAWN)
    for source, target in ((Stage.APPLICATION, Stage.INSPECTION), (Stage.INSPECTION, Stage.WITHDRAWN)):
        StageLog.objects.create(incubation=withdrawn, from_stage=source, to_stage=target, action="x", on="2024-01-01")
    grown = IncubationFactory(organization=OrganizationFactory(site=site), stage=Stage.FOLLOW_UP)
    for source, target in (
        (Stage.APPLICATION, Stage.INSPECTION),
        (Stage.INSPECTION, Stage.ADMISSION_EVALUATION),
        (Stage.ADMISSION_EVALUATION, Stage.IN_SHELL),
        (Stage.IN_SHELL, Stage.GROWTH_EVALUATION),
        (Stage.GROWTH_EVALUATION, Stage.FOLLOW_UP),
    ):
        StageLog.objects.create(incubation=grown, from_stage=source, to_stage=target, action="x", on="2024-01-01")
    assert waiting and withdrawn
    with CaptureQueriesContext(connection) as queries:
        rows = {row["stage"]: row for row in pipeline([site])["rows"]}
    assert len(queries) == 2
    reached = {stage: row["total"] for stage, row in rows.items()}
    assert reached[Stage.APPLICATION] == 3 and reached[Stage.INSPECTION] == 2
    assert reached[Stage.IN_SHELL] == reached[Stage.FOLLOW_UP] == 1 and reached[Stage.RESIDENT] == 0
    assert rows[Stage.APPLICATION]["total_now"] == 1 and rows[Stage.INSPECTION]["total_now"] == 0


def test_the_figures_export_lists_every_chart_as_filtered(client, demo):
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.jobs import run_started_job

    staff = User.objects.get(username="staff")
    client.force_login(staff)
    page = client.get(URL, {"year": 2014}).context
    response = client.post(reverse("dashboard:dashboard_excel"), {"year": 2014})
    book = load_workbook(BytesIO(run_started_job(client, response)))
    assert book.sheetnames[0] == "已逾期与本周到期" and len(book.sheetnames) == 9
    money = book["各届公益创投资金"]
    assert money["A2"].value == "全部园区 · 2014"
    rows = {row[0]: row[1:] for row in money.iter_rows(min_row=4, values_only=True)}
    (round_2014,) = page["money"]["rounds"]
    assert rows[round_2014["round"].title][1] == 440000
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.post(reverse("dashboard:dashboard_excel")).status_code == 403


def test_party_staff_export_only_the_party_figures(client, demo):
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.jobs import run_started_job

    client.force_login(User.objects.get(username="partystaff"))
    response = client.post(reverse("dashboard:dashboard_excel"))
    book = load_workbook(BytesIO(run_started_job(client, response)))
    assert len(book.sheetnames) == 2
