"""What each role sees and may do through the pages; denials; bad input; constant query counts."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from incubator import panels
from incubator.models import Job
from orgs.models import Application, Incubation, Organization, OrganizationDocument, RecruitmentCall, Stage, Track
from tests.factories import (
    ExpertFactory,
    OrganizationFactory,
    SiteFactory,
    StaffFactory,
    applicant_of,
)
from tests.jobs import export
from tests.orgs.factories import IncubationFactory, SpaceFactory, in_shell

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_applicant_cannot_reach_staff_pages(client):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    for name, args in [
        ("orgs:board", []),
        ("orgs:organization_list", []),
        ("orgs:register_import", []),
        ("orgs:organization", [org.pk]),
        ("orgs:spaces", []),
        ("orgs:expert_home", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("orgs:my_organization"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_applicant_sees_only_its_own_documents(client):
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    doc = OrganizationDocument(organization=theirs, kind="charter")
    doc.attach(SimpleUploadedFile("章程.pdf", PDF))
    doc.save()
    client.force_login(applicant_of(mine))
    assert client.get(reverse("orgs:document", args=[doc.pk])).status_code == 404
    client.force_login(applicant_of(theirs))
    response = client.get(reverse("orgs:document", args=[doc.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_unconfirmed_applicant_has_no_application(client):
    user = applicant_of(OrganizationFactory(), confirmed_at=None)
    client.force_login(user)
    assert client.get(reverse("orgs:my_application")).status_code == 404
    assert "正在等待园区工作人员确认" in client.get(reverse("orgs:my_organization")).content.decode()


def test_application_draft_then_submit(client):
    org = OrganizationFactory()
    user = applicant_of(org)
    client.force_login(user)
    url = reverse("orgs:my_application")
    response = client.post(url, {"track": Track.INCUBATION, "project_title": "巧手圆梦开心手工坊", "save": "1"})
    assert response.status_code == 302
    application = Application.objects.get(organization=org)
    assert application.status == Application.Status.DRAFT
    assert not Incubation.objects.filter(organization=org).exists()

    # Submitting an incomplete application: 200, typed values kept, nothing submitted.
    submit = reverse("orgs:my_application_submit")
    response = client.post(submit, {"track": Track.INCUBATION, "project_title": "巧手圆梦开心手工坊", "submit": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "巧手圆梦开心手工坊" in page and "提交前必须填写" in page
    assert Application.objects.get(pk=application.pk).status == Application.Status.DRAFT

    data = {
        "track": Track.INCUBATION,
        "project_title": "巧手圆梦开心手工坊",
        "project_description": "蒙古族刺绣培训",
        "team": "三名骨干",
        "team_size": "3",
        "needs": ["office_space", "training"],
        "submit": "1",
    }
    assert client.post(submit, data).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.needs == ["office_space", "training"]
    assert org.incubation.stage == Stage.APPLICATION
    page = client.get(reverse("orgs:my_organization")).content.decode()
    assert "已提交" in page and "项目申请" in page
    assert client.get(url).status_code == 302  # no more editing once submitted


def assert_file_error_shown(response, code):
    """The upload form shows the checker's own message (core catalog) for the file field."""
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["file"][0]
    assert error.code == code
    assert escape(error.messages[0]) in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("plan.pdf", b"MZ\x90\x00 not a pdf", "content_mismatch"), ("plan.exe", b"MZ\x90\x00", "type")],
)
def test_bad_uploads_are_rejected_with_a_clear_message(client, name, content, code):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile(name, content)}
    )
    assert_file_error_shown(response, code)
    assert not org.documents.exists()


def test_too_large_upload_is_rejected(client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile("a.pdf", PDF + b"x" * 200)}
    )
    assert_file_error_shown(response, "too_large")
    assert not org.documents.exists()


def test_good_upload_is_stored_under_a_generated_name(client):
    org = OrganizationFactory()
    client.force_login(applicant_of(org))
    response = client.post(
        reverse("orgs:upload_document"), {"kind": "charter", "file": SimpleUploadedFile("../../章程.pdf", PDF)}
    )
    assert response.status_code == 302
    document = org.documents.get()
    assert document.original_name == "章程.pdf" and "章程" not in document.file.name


def test_public_calls_show_open_calls_only(client):
    today = timezone.localdate()
    open_call = RecruitmentCall.objects.create(
        title="2026年孵化类招募", tracks=[Track.INCUBATION], opens_on=today, body="b", materials="m", published=True
    )
    RecruitmentCall.objects.create(
        title="已截止的招募", tracks=[Track.RESIDENT], opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=1), body="b", materials="m", published=True,
    )  # fmt: skip
    draft = RecruitmentCall.objects.create(
        title="草稿招募", tracks=[Track.INCUBATION], opens_on=today, body="b", materials="m"
    )
    page = client.get(reverse("orgs:calls")).content.decode()
    assert "2026年孵化类招募" in page and "已截止的招募" not in page and "草稿招募" not in page
    assert client.get(reverse("orgs:call", args=[open_call.pk])).status_code == 200
    assert client.get(reverse("orgs:call", args=[draft.pk])).status_code == 404


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
    from incubator.models import ParkProfile
    from orgs.selectors import registered_density

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


def test_organization_page_shows_everything_and_other_apps_panels(staff_client, panel_template):
    org = OrganizationFactory(name="乌日达妇女手工制作中心")
    in_shell(org)

    def provider(request, obj):
        return panels.Panel("党组织", panel_template, {"word": f"{obj.name}的党建"})

    panels.register("organization", provider)
    try:
        page = staff_client.get(reverse("orgs:organization", args=[org.pk])).content.decode()
    finally:
        panels._providers["organization"].remove(provider)
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
    first, second = OrganizationFactory(site=site), OrganizationFactory(site=site)
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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(reverse(name)).status_code == 200
    _make_organizations(490, site)
    SpaceFactory.create_batch(30, site=site)
    with django_assert_max_num_queries(len(small)):
        assert staff_client.get(reverse(name)).status_code == 200


def test_export_keeps_a_constant_number_of_queries(staff_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    site = SiteFactory()
    _make_organizations(10, site)
    with CaptureQueriesContext(connection) as small:
        export(staff_client, reverse("orgs:organization_export"))
    _make_organizations(490, site)
    # The progress bar writes at most once per percent, so 500 rows add up to 100 updates, not 500.
    with django_assert_max_num_queries(len(small) + 100):
        content = export(staff_client, reverse("orgs:organization_export"))
    assert openpyxl.load_workbook(io.BytesIO(content)).active.max_row == 501


def test_the_export_is_a_post_that_starts_a_job_for_staff_only(client):
    OrganizationFactory()
    url = reverse("orgs:organization_export")
    client.force_login(StaffFactory())
    assert client.get(url).status_code == 405
    client.force_login(applicant_of(OrganizationFactory()))
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()


def test_expert_portal_lists_only_my_assignments(client):
    ExpertFactory()  # another expert
    expert = ExpertFactory()
    client.force_login(expert)
    assert client.get(reverse("orgs:expert_home")).status_code == 200


def test_applicant_cannot_upload_to_another_organization(client):
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    client.force_login(applicant_of(mine))
    url = reverse("orgs:upload_document") + f"?organization={theirs.pk}"
    assert client.post(url, {"kind": "charter", "file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 302
    assert not theirs.documents.exists() and mine.documents.count() == 1


def test_only_the_assigned_expert_reads_the_organizations_documents(client):
    from orgs import services
    from orgs.models import Evaluation, EvaluationKind
    from tests.factories import RubricFactory

    org = OrganizationFactory()
    doc = OrganizationDocument(organization=org, kind="charter")
    doc.attach(SimpleUploadedFile("章程.pdf", PDF))
    doc.save()
    evaluation = Evaluation.objects.create(
        organization=org, kind=EvaluationKind.ADMISSION, rubric=RubricFactory(), due_on=timezone.localdate()
    )
    assigned, other = ExpertFactory(), ExpertFactory()
    assignment = services.assign_expert(StaffFactory(), evaluation, assigned)
    url = reverse("orgs:expert_document", args=[assignment.pk, doc.pk])
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(reverse("orgs:document", args=[doc.pk])).status_code == 404
    client.force_login(assigned)
    assert client.get(url).status_code == 200


def test_pipeline_counts_per_stage_per_site_with_filters(staff_client):
    from orgs.filters import OrganizationFilter
    from orgs.selectors import pipeline, workbench_organizations

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
    import re

    from django.template.loader import render_to_string

    from orgs.filters import OrganizationFilter
    from orgs.selectors import workbench_organizations

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
