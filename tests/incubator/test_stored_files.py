"""The upload check lives on the stored file (incubator.files.StoredFile): every service that attaches a file,
the admin's forms and the import job refuse what the forms refuse, with the same reason."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from incubator import jobs
from incubator.files import StoredFile
from incubator.models import Job
from orgs import services as orgs_services
from orgs.models import OrganizationDocument, SignedSheet
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, set_state
from venture import services as venture_services
from venture.models import ProgressReport, ProposalDocument, ProposalState, ReportDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def executable():
    return SimpleUploadedFile("登记证书.pdf", b"MZ\x90\x00 an executable")


def assert_refused_as_not_a_pdf(error):
    assert "file" in error.value.message_dict
    assert "不是真正的 .pdf 文件" in " ".join(error.value.messages)


@pytest.fixture
def organization():
    return OrganizationFactory()


@pytest.fixture
def applicant(organization):
    return applicant_of(organization)


def test_add_document_refuses_a_file_that_is_not_what_it_says(organization, applicant):
    proposal = ProposalFactory(organization=organization)
    with pytest.raises(ValidationError) as error:
        venture_services.add_document(applicant, proposal, executable(), "登记证书")
    assert_refused_as_not_a_pdf(error)
    assert not ProposalDocument.objects.exists()
    venture_services.add_document(applicant, proposal, SimpleUploadedFile("登记证书.pdf", PDF), "登记证书")
    assert ProposalDocument.objects.get().original_name == "登记证书.pdf"


def test_a_report_keeps_nothing_of_a_refused_attachment(organization, applicant):
    proposal = set_state(ProposalFactory(organization=organization), ProposalState.IN_PROGRESS)
    report = ProgressReport.objects.create(proposal=proposal, due_on=timezone.localdate())
    for service in (venture_services.save_report, venture_services.submit_report):
        with pytest.raises(ValidationError) as error:
            service(
                applicant,
                report,
                uploads=[executable()],
                activities_done="培训4期",
                beneficiaries_reached=20,
                spent=100,
            )
        assert_refused_as_not_a_pdf(error)
    report.refresh_from_db()
    assert report.submitted_at is None and report.activities_done == ""
    assert not ReportDocument.objects.exists()


def test_the_document_page_shows_the_refusal_of_the_service(client, organization, applicant):
    proposal = ProposalFactory(organization=organization)
    client.force_login(applicant)
    response = client.post(
        reverse("venture:document_upload", args=[proposal.pk]), {"label": "登记证书", "file": executable()}
    )
    assert response.status_code == 200
    assert "不是真正的 .pdf 文件" in response.content.decode()
    assert 'value="登记证书"' in response.content.decode()


def test_an_organizations_document_is_checked_by_the_service(organization, applicant):
    with pytest.raises(ValidationError) as error:
        orgs_services.upload_document(applicant, organization, "charter", executable())
    assert_refused_as_not_a_pdf(error)
    assert not OrganizationDocument.objects.exists()


def test_a_signed_sheet_is_checked_by_the_service(organization):
    staff = StaffFactory()
    for _ in range(3):
        ExpertProfileFactory()
    draw = orgs_services.draw_panel(staff, "入壳评估", [organization], 2, 0, seed="sheets")
    with pytest.raises(ValidationError) as error:
        orgs_services.upload_sheet(staff, draw, "score_sheet", executable())
    assert_refused_as_not_a_pdf(error)
    assert not SignedSheet.objects.exists()


def test_a_job_reads_only_a_real_spreadsheet():
    staff = StaffFactory()
    with pytest.raises(ValidationError):
        jobs.start(staff, "orgs.import_register", "导入", source=SimpleUploadedFile("名册.xlsx", b"not a zip"))
    assert not Job.objects.exists()


def test_saving_a_stored_file_directly_is_checked_too(organization):
    proposal = ProposalFactory(organization=organization)
    with pytest.raises(ValidationError):
        ProposalDocument(proposal=proposal, label="x", file=executable(), original_name="x.pdf").save()
    assert not ProposalDocument.objects.exists()


@pytest.mark.parametrize("model", [ProposalDocument, ReportDocument, OrganizationDocument, SignedSheet])
def test_a_form_the_admin_would_build_refuses_the_file(model):
    """The admin's change form cleans the record: a file added there meets the same check."""
    assert issubclass(model, StoredFile)
    form_class = modelform_factory(model, fields=["file"])
    form = form_class(data={}, files={"file": executable()}, instance=model())
    assert not form.is_valid()
    assert "不是真正的 .pdf 文件" in " ".join(form.errors["file"])


def test_no_admin_adds_a_stored_file_outside_the_services(admin_client):
    for model in (OrganizationDocument, ProposalDocument, ReportDocument, SignedSheet):
        if model in admin.site._registry:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            assert admin_client.get(url).status_code == 403, model


def test_an_old_stored_file_is_not_checked_again_when_its_record_is_saved(organization):
    proposal = ProposalFactory(organization=organization)
    document = ProposalDocument(proposal=proposal, label="方案")
    document.attach(SimpleUploadedFile("方案.pdf", PDF))
    document.save()
    document.label = "项目方案"
    document.uploaded_at = timezone.now() - datetime.timedelta(days=1)
    document.save()
    assert ProposalDocument.objects.get().label == "项目方案"
