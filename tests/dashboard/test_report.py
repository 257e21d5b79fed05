from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from incubator.models import Job, User
from orgs.models import Category, GovernmentBid
from tests.conftest import wait_for
from tests.factories import OrganizationFactory, PartyStaffFactory, SiteFactory, StaffFactory, applicant_of
from tests.orgs.factories import in_shell

URL = reverse("dashboard:annual")


@pytest.mark.django_db
def test_the_report_counts_per_site_and_category(client):
    site = SiteFactory(name="王府社区孵化器")
    taken = in_shell(admitted_on=date(2024, 3, 1), site=site, category=Category.CHARITY).organization
    in_shell(admitted_on=date(2023, 11, 1), site=site, category=Category.CHARITY)  # still in the shell in 2024
    in_shell(admitted_on=date(2022, 1, 1), site=site, category=Category.CHARITY)  # left before 2024
    GovernmentBid.objects.create(
        organization=taken,
        purchaser="民政局",
        project="居家养老",
        amount=Decimal("50000"),
        submitted_on=date(2024, 5, 1),
        result=GovernmentBid.Result.WON,
    )
    GovernmentBid.objects.create(
        organization=taken,
        purchaser="民政局",
        project="助残",
        amount=Decimal("9000"),
        submitted_on=date(2024, 6, 1),
        result=GovernmentBid.Result.LOST,
    )
    client.force_login(StaffFactory())
    response = client.get(URL, {"year": 2024})
    assert response.status_code == 200
    (block,) = response.context["report"]["sites"]
    (row,) = block["rows"]
    assert (row["taken_in"], row["incubated"], row["bids_won"], row["bids_amount"]) == (1, 2, 1, Decimal("50000"))
    html = response.content.decode()
    assert "王府社区孵化器" in html and "公益慈善类" in html


@pytest.mark.django_db
def test_the_demo_2014_report_has_the_440000_awarded_in_a_constant_number_of_queries(client, django_assert_num_queries):
    client.force_login(StaffFactory())
    client.get(URL, {"year": 2014})
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"year": 2014})
    small = len(small)  # read now: the connection's query log is a bounded deque the demo overflows
    call_command("seed_demo", stdout=StringIO())
    client.force_login(User.objects.get(username="staff"))
    client.get(URL, {"year": 2014})
    with django_assert_num_queries(small):
        response = client.get(URL, {"year": 2014})
    assert response.context["report"]["total"]["awarded"] == Decimal("440000")
    assert "440000" in response.content.decode()
    print(f"annual report: {small} queries, empty and demo")


@pytest.mark.django_db
@pytest.mark.parametrize("make", [PartyStaffFactory, applicant_of])
def test_only_park_staff_see_the_report(client, make):
    client.force_login(make())
    assert client.get(URL).status_code == 403
    assert client.post(reverse("dashboard:annual_excel"), {"year": 2024}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_excel_is_built_by_a_worker_with_a_download(client, celery_worker):
    staff = StaffFactory()
    in_shell(admitted_on=date(2024, 3, 1), category=Category.CHARITY, site=SiteFactory(name="阿勒腾席热镇孵化器"))
    OrganizationFactory()
    client.force_login(staff)
    response = client.post(reverse("dashboard:annual_excel"), {"year": 2024})
    job = Job.objects.get(owner=staff)
    assert response.url == reverse("job_detail", args=[job.pk])
    assert wait_for(lambda: Job.objects.get(pk=job.pk).status == Job.Status.DONE)
    download = client.get(reverse("job_download", args=[job.pk]))
    book = load_workbook(BytesIO(b"".join(download.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2][0] == "阿勒腾席热镇孵化器" and "公益慈善" in rows[2][1] and rows[2][2] == 1
    assert rows[-1][0] == "全旗合计"


@pytest.mark.django_db
def test_party_coverage_is_as_it_stood_at_the_end_of_the_year():
    from orgs.models import Stage, StageLog
    from partybuild.models import PartyCase
    from tests.partybuild.factories import PartyOrganizationFactory

    site = SiteFactory()
    early = in_shell(admitted_on=date(2023, 4, 1), site=site, category=Category.CHARITY)
    late = in_shell(admitted_on=date(2025, 2, 1), site=site, category=Category.CHARITY)
    gone = in_shell(admitted_on=date(2023, 5, 1), site=site, category=Category.CHARITY)
    for incubation in (early, late, gone):
        PartyCase.objects.create(organization=incubation.organization, opened_on=incubation.admitted_on)
    StageLog.objects.create(
        incubation=gone, from_stage=Stage.IN_SHELL, to_stage=Stage.WITHDRAWN, action="withdraw", on=date(2024, 6, 1)
    )
    PartyOrganizationFactory(formed_on=date(2024, 7, 1), organizations=[early.organization, late.organization])
    from partybuild.selectors import coverage_by_site_and_category as coverage

    key = (site.pk, Category.CHARITY)
    assert coverage(2023)[key] == (2, 0)  # early and gone had cases; the branch was formed in 2024
    assert coverage(2024)[key] == (1, 1)  # gone withdrew in June; early covered since July
    assert coverage(2025)[key] == (2, 2)
