"""The staff workbench pages: the organization list and its export, the KPI, the organization page, spaces,
the pipeline board and its filters; constant query counts."""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubator import panels
from incubator.models import ParkProfile
from incubator.protocol import Contribution
from orgs.filters import OrganizationFilter
from orgs.models import (
    Incubation,
    Organization,
    Stage,
    Track,
)
from orgs.selectors import pipeline, registered_density, workbench_organizations
from tests.factories import (
    OrganizationFactory,
    SiteFactory,
    StaffFactory,
)
from tests.jobs import export
from tests.orgs.factories import IncubationFactory, SpaceFactory, in_shell

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_staff_list_filters_and_marks_overdue(staff_client):
    site = SiteFactory()
    late = IncubationFactory(
        organization=OrganizationFactory(site=site, name="逾期组织"),
        stage=Stage.INSPECTION,
        stage_due_on=timezone.localdate() - timedelta(days=3),
    )
    IncubationFactory(
        organization=OrganizationFactory(site=site, name="按时组织"),
        stage=Stage.INSPECTION,
        stage_due_on=timezone.localdate() + timedelta(days=3),
    )
    page = staff_client.get(reverse("orgs:organization_list"), {"overdue": "true"}).content.decode()
    assert "逾期组织" in page and "按时组织" not in page and "逾期" in page
    page = staff_client.get(reverse("orgs:organization_list"), {"stage": "in_shell"}).content.decode()
    assert "逾期组织" not in page
    assert late.is_overdue()


def test_staff_list_pages_through_every_organization_by_site_then_name(staff_client, django_assert_max_num_queries):
    late, early = SiteFactory(order=2, short_name="南区"), SiteFactory(order=1, short_name="北区")
    officer = StaffFactory(full_name="王主任")
    organizations = []
    for i in range(61):
        org = OrganizationFactory(site=late if i % 3 else early, name=f"org-{(i * 37) % 61:02d}")
        if i % 2:
            IncubationFactory(
                organization=org,
                stage=Stage.INSPECTION,
                stage_due_on=timezone.localdate() - timedelta(days=1),
                responsible_staff=officer,
            )
        organizations.append(org)
    expected = [o.pk for o in sorted(organizations, key=lambda o: (o.site.order, o.name))]
    first = staff_client.get(reverse("orgs:organization_list"))
    with django_assert_max_num_queries(8):
        second = staff_client.get(reverse("orgs:organization_list"), {"page": 2})
    assert [o.pk for o in first.context["page"]] + [o.pk for o in second.context["page"]] == expected
    row = second.content.decode()
    last = Organization.objects.get(pk=expected[-1])
    assert "61" in row and "第 2 页，共 2 页" in row
    assert f'href="{reverse("orgs:organization", args=[last.pk])}"' in row and last.uscc in row
    assert "王主任" in first.content.decode() and "考察辅导" in first.content.decode()
    assert (timezone.localdate() - timedelta(days=1)).isoformat() in first.content.decode()


def test_export_follows_the_filters_and_neutralises_formulas(staff_client):
    site = SiteFactory()
    OrganizationFactory(site=site, name='=HYPERLINK("http://x")', services="+1 服务")
    OrganizationFactory(name="别的园区组织")
    content = export(staff_client, reverse("orgs:organization_export"), {"query": f"site={site.pk}"})
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "社会组织"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert "'+1 服务" in rows[1]


def test_export_drops_control_characters_a_worksheet_cannot_hold(staff_client):
    """Typed into the profile form, a control character made the export fail (openpyxl refuses it); one in
    front of a formula must not let the formula through."""
    site = SiteFactory()
    OrganizationFactory(site=site, name="\x01=1+1", address="幸福路\x1b[31m8号", services="第一行\n第二行")
    content = export(staff_client, reverse("orgs:organization_export"), {"query": f"site={site.pk}"})
    row = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))[1]
    assert row[0] == "'=1+1" and "幸福路[31m8号" in row and "第一行\n第二行" in row


def test_kpi_per_ten_thousand_residents(staff_client):
    profile = ParkProfile.current()
    profile.banner_population = 238000
    profile.save()
    site = SiteFactory(residents=10000)
    OrganizationFactory.create_batch(86, site=site)
    OrganizationFactory(registration_type="grassroots", uscc="", site=site)  # not registered: not counted
    density = registered_density()
    assert density["registered"] == 86 and str(density["per_10k"]) == "3.6"
    assert next(r for r in density["sites"] if r["site"] == site)["per_10k"] == 86
    assert "3.6" in staff_client.get(reverse("orgs:board")).content.decode()


@pytest.fixture
def panel_template(settings, tmp_path):
    """A template another app would contribute, in a folder of its own."""
    (tmp_path / "panel.html").write_text("<p>{{ word }}</p>", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "panel.html"


def test_organization_page_shows_everything_and_other_apps_panels(staff_client, panel_template, contribute):
    org = OrganizationFactory(name="乌日达妇女手工制作中心")
    in_shell(org)

    def provider(request, obj):
        return panels.Panel("党组织", panel_template, {"word": f"{obj.name}的党建"})

    contribute(Contribution(panels={"organization": provider}))
    page = staff_client.get(reverse("orgs:organization", args=[org.pk])).content.decode()
    assert "乌日达妇女手工制作中心的党建" in page and "党组织" in page
    for heading in ("时间线", "空间与设备", "服务记录", "阶段评估", "截止日期", "变更历史"):
        assert heading in page, heading


def test_staff_form_errors_keep_typed_values(staff_client):
    org = OrganizationFactory()
    in_shell(org)
    response = staff_client.post(
        reverse("orgs:organization_bid", args=[org.pk]),
        {"purchaser": "伊金霍洛旗民政局", "project": "居家养老服务", "amount": "abc", "result": "pending"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "伊金霍洛旗民政局" in page and "居家养老服务" in page
    assert not org.government_bids.exists()
    response = staff_client.post(reverse("orgs:organization_terminate", args=[org.pk]), {"on": "2026-05-01"})
    assert response.status_code == 200 and "请填写原因" in response.content.decode()
    assert Incubation.objects.get(organization=org).stage == Stage.IN_SHELL


def test_space_is_held_by_one_organization_at_a_time(staff_client):
    site = SiteFactory()
    space = SpaceFactory(site=site)
    # Both in the shell: the stages that may hold a space (tests/orgs/test_spaces.py has the others).
    first, second = in_shell(site=site).organization, in_shell(site=site).organization
    url = reverse("orgs:organization_space", args=[first.pk])
    assert staff_client.post(url, {"space": space.pk, "on": "2026-03-01"}).status_code == 302
    response = staff_client.post(
        reverse("orgs:organization_space", args=[second.pk]), {"space": space.pk, "on": "2026-03-02"}
    )
    assert response.status_code == 200 and not second.space_allocations.exists()
    page = staff_client.get(reverse("orgs:spaces")).content.decode()
    assert first.name in page and "100%" in page
    allocation = first.space_allocations.get()
    staff_client.post(reverse("orgs:release_space", args=[allocation.pk]))
    assert (
        staff_client.post(
            reverse("orgs:organization_space", args=[second.pk]), {"space": space.pk, "on": "2026-04-01"}
        ).status_code
        == 302
    )


def _make_organizations(n, site):
    for i in range(n):
        org = OrganizationFactory(site=site)
        if i % 2:
            IncubationFactory(organization=org, stage=Stage.IN_SHELL, responsible_staff=None)


@pytest.mark.parametrize("name", ["orgs:board", "orgs:organization_list", "orgs:spaces"])
def test_list_pages_keep_a_constant_number_of_queries(staff_client, django_assert_max_num_queries, name):
    site = SiteFactory()
    SpaceFactory.create_batch(3, site=site)
    _make_organizations(10, site)

    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(reverse(name)).status_code == 200
    _make_organizations(490, site)
    SpaceFactory.create_batch(30, site=site)
    with django_assert_max_num_queries(len(small)):
        assert staff_client.get(reverse(name)).status_code == 200


def test_export_keeps_a_constant_number_of_queries(staff_client, django_assert_max_num_queries):
    site = SiteFactory()
    _make_organizations(10, site)
    with CaptureQueriesContext(connection) as small:
        export(staff_client, reverse("orgs:organization_export"))
    _make_organizations(490, site)
    # The progress bar writes at most once per percent, so 500 rows add up to 100 updates, not 500.
    with django_assert_max_num_queries(len(small) + 100):
        content = export(staff_client, reverse("orgs:organization_export"))
    assert openpyxl.load_workbook(io.BytesIO(content)).active.max_row == 501


def test_pipeline_counts_per_stage_per_site_with_filters(staff_client):
    north, south = SiteFactory(), SiteFactory()
    for site, stage in [
        (north, Stage.IN_SHELL),
        (north, Stage.IN_SHELL),
        (south, Stage.IN_SHELL),
        (south, Stage.RESIDENT),
    ]:
        IncubationFactory(organization=OrganizationFactory(site=site), stage=stage)
    OrganizationFactory(site=south, track=Track.RESIDENT)  # registry only
    user = StaffFactory()
    board = pipeline(workbench_organizations(user))
    assert board[north.pk] == {Stage.IN_SHELL: 2}
    assert board[south.pk] == {Stage.IN_SHELL: 1, Stage.RESIDENT: 1, "": 1}
    filtered = OrganizationFilter({"track": Track.RESIDENT}, queryset=workbench_organizations(user)).qs
    assert pipeline(filtered) == {south.pk: {"": 1}}
    page = staff_client.get(reverse("orgs:board"), {"site": north.pk}).content.decode()
    assert f"?site={north.pk}&amp;stage=in_shell" in page


def test_a_bad_filter_value_is_named_and_the_other_filters_still_apply(staff_client):
    site = SiteFactory()
    IncubationFactory(organization=OrganizationFactory(site=site, name="本园组织"))
    OrganizationFactory(name="别处组织")
    response = staff_client.get(reverse("orgs:organization_list"), {"applied": "去年", "site": site.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "输入一个数字" in page
    assert "本园组织" in page and "别处组织" not in page
    assert 'value="去年"' in page


@pytest.mark.parametrize("data", [None, {"stage": "in_shell", "overdue": "true", "q": "乌日达", "grade": "2A"}])
def test_the_staff_filters_render_as_djangos_own_select_would(data):
    site = SiteFactory()
    data = data and {**data, "site": str(site.pk)}
    lean = OrganizationFilter(data, queryset=workbench_organizations(StaffFactory()))
    plain = OrganizationFilter(data, queryset=workbench_organizations(StaffFactory()))
    for field in plain.form.fields.values():
        field.widget.template_name = type(field.widget).template_name

    def html(filterset):
        return re.sub(r"\s+", " ", render_to_string("orgs/_filters.html", {"filter": filterset}))

    assert "orgs/widgets/select.html" in {f.widget.template_name for f in lean.form.fields.values()}
    assert html(lean) == html(plain)
    assert (f'<option value="{site.pk}" selected>' in html(lean)) == bool(data)
