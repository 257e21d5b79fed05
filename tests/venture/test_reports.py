"""A progress report is a draft until the organization submits it; on submitting, its spending is checked
against the award and the budget (never beyond the whole budget; beyond the award only with an explanation),
and the form shows those figures beside it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.venture.funded import final_award
from venture import services
from venture.models import ProgressReport

pytestmark = pytest.mark.django_db
FULL = {"activities_done": "刺绣培训4期", "beneficiaries_reached": "35", "narrative": "按计划推进"}


@pytest.fixture
def funded(staff):
    proposal, agreement, applicant = final_award(staff)
    services.sign_agreement(staff, agreement, timezone.localdate())
    first = agreement.tranches.first()
    services.record_payment(staff, first, timezone.localdate(), first.amount)
    report = services.schedule_report(staff, proposal, "midterm", timezone.localdate())
    return proposal, report, applicant


def test_a_report_saved_as_a_draft_stays_open_until_it_is_submitted(client, funded):
    proposal, report, applicant = funded
    client.force_login(applicant)
    url = reverse("venture:report", args=[report.pk])
    client.post(url, {"activities_done": "第一期培训", "save": ""})
    report.refresh_from_db()
    assert report.is_draft and report.activities_done == "第一期培训"
    page = client.get(url).content.decode()
    assert "第一期培训" in page and "保存草稿" in page
    proposal_page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert "草稿" in proposal_page and url in proposal_page

    response = client.post(url, {**FULL, "spent": "11000", "submit": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.is_draft and report.spent == Decimal("11000")
    assert client.get(url).status_code == 302  # submitted: no longer editable
    with pytest.raises(ValidationError):
        services.save_report(applicant, report, narrative="改动")


def test_a_report_is_submitted_only_complete(client, funded):
    _proposal, report, applicant = funded
    client.force_login(applicant)
    page = client.post(reverse("venture:report", args=[report.pk]), {"narrative": "只写了这些", "submit": ""})
    assert page.status_code == 200 and "提交报告前请填写此项" in page.content.decode()
    report.refresh_from_db()
    assert report.is_draft


def test_spending_beyond_the_whole_budget_is_refused_with_the_figures(client, funded):
    """¥99,999,999 spent against a ¥30,000 budget was accepted."""
    _proposal, report, applicant = funded
    client.force_login(applicant)
    response = client.post(reverse("venture:report", args=[report.pk]), {**FULL, "spent": "99999999", "submit": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "30000.00" in page and "99999999" in page
    assert "超过了项目预算总额" in page
    report.refresh_from_db()
    assert report.is_draft and report.spent is None
    with pytest.raises(ValidationError) as error:
        services.submit_report(applicant, report, spent=Decimal("99999999"), **FULL)
    assert "spent" in error.value.message_dict


def test_spending_beyond_the_award_needs_an_explanation(client, funded):
    _proposal, report, applicant = funded
    client.force_login(applicant)
    url = reverse("venture:report", args=[report.pk])
    page = client.post(url, {**FULL, "spent": "28000", "submit": ""}).content.decode()
    assert "超过了资助金额" in page and "25000.00" in page
    client.post(url, {**FULL, "spent": "28000", "spent_explanation": "配套资金已支出3000元", "submit": ""})
    report.refresh_from_db()
    assert not report.is_draft and report.spent_explanation == "配套资金已支出3000元"


def test_the_report_form_shows_the_award_the_payments_and_the_budget_lines(client, funded):
    _proposal, report, applicant = funded
    client.force_login(applicant)
    page = client.get(reverse("venture:report", args=[report.pk])).content.decode()
    for figure in ("25000.00", "12500.00", "30000.00", "助餐食材"):
        assert figure in page


def test_the_admin_shows_a_submitted_report_read_only(client, funded, staff):
    _proposal, report, applicant = funded
    services.submit_report(applicant, report, spent=Decimal("100"), **FULL)
    client.force_login(staff)
    url = reverse("admin:venture_progressreport_change", args=[report.pk])
    assert 'name="spent"' not in client.get(url).content.decode()
    client.post(url, {"spent": "99999999", "due_on": "2030-01-01"})
    report.refresh_from_db()
    assert report.spent == Decimal("100.00")
    assert client.get(reverse("admin:venture_progressreport_add")).status_code == 403
    assert ProgressReport.objects.count() == 1
