"""What an applicant organization does: file a proposal with its budget and activities, see what is missing,
submit before the deadline, withdraw; and what it may not see."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganizationFactory, SiteFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.helpers import move_dates
from venture.models import BudgetLine, Proposal, ProposalState

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "巧手圆梦开心手工坊",
        "area": "livelihood",
        "need": "农牧民转移妇女缺少就业技能",
        "goals": "培训70名妇女",
        "beneficiaries": "农牧民转移妇女",
        "beneficiaries_target": "70",
        "team": "负责人及刺绣老师两名",
        "team_size": "3",
        "indicators": "培训70人；就业30人",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
        "budget-0-category": "training",
        "budget-0-item": "刺绣老师课时费",
        "budget-0-unit_price": "200",
        "budget-0-quantity": "100",
        "budget-0-cofunded": "5000",
        "budget-1-category": "materials",
        "budget-1-item": "绣线与布料",
        "budget-1-unit_price": "150",
        "budget-1-quantity": "70",
        "budget-1-cofunded": "0",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
        "activities-0-name": "蒙古族刺绣培训",
        "activities-0-starts_on": today.isoformat(),
        "activities-0-ends_on": (today + datetime.timedelta(days=60)).isoformat(),
        "activities-0-target": "70名妇女",
    }
    data.update(overrides)
    return data


def test_an_applicant_files_a_draft_with_budget_and_activities_and_totals_are_computed(client, round_, applicant):
    client.force_login(applicant)
    response = client.post(reverse("venture:apply", args=[round_.code]), form_data())
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("venture:proposal", args=[proposal.pk])
    assert proposal.state == ProposalState.DRAFT and proposal.number == 1
    # 200 × 100 + 150 × 70 = 30,500, of which 5,000 co-funded
    assert proposal.requested_amount == Decimal("25500.00") and proposal.cofunded_amount == Decimal("5000.00")
    page = client.get(response["Location"]).content.decode()
    assert "30500.00" in page and "25500.00" in page
    assert "刺绣老师课时费" in page


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, round_, applicant):
    client.force_login(applicant)
    data = form_data(
        **{
            "budget-0-unit_price": "-5",
            "budget-1-cofunded": "999999",
            "activities-0-ends_on": "2000-01-01",
            "title": "我的项目（未保存）",
        }
    )
    response = client.post(reverse("venture:apply", args=[round_.code]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert "我的项目（未保存）" in page and "刺绣老师课时费" in page and "999999" in page
    assert "-5" in page
    assert not Proposal.objects.exists() and not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    ("price", "quantity", "message"),
    [("100000", "100000", "该项金额（单价 × 数量）过大"), ("9000000000", "1", "预算总额过大")],
)
def test_amounts_too_large_to_keep_are_refused_on_the_line_or_in_total(
    client, round_, applicant, price, quantity, message
):
    """A line's amount or the budget's total beyond ¥10,000,000,000 used to fail the save with a 500."""
    client.force_login(applicant)
    data = form_data(
        **{
            f"budget-{i}-{name}": value
            for i in (0, 1)
            for name, value in (("unit_price", price), ("quantity", quantity))
        }
    )
    response = client.post(reverse("venture:apply", args=[round_.code]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert "巧手圆梦开心手工坊" in response.content.decode()
    assert not Proposal.objects.exists()


def test_missing_items_are_listed_and_submission_refused_until_complete(client, round_, applicant, organization):
    round_.required_documents = "登记证书复印件"
    round_.save()
    proposal = ProposalFactory(round=round_, organization=organization, need="", budget=False)
    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="missing"' in page
    assert "登记证书复印件" in page
    response = client.post(reverse("venture:proposal_submit", args=[proposal.pk]), follow=True)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    assert "登记证书复印件" in response.content.decode()


def test_round_limits_are_checked_with_clear_messages(client, applicant, organization):
    round_ = RoundFactory(max_grant=Decimal("20000"), cofunding_share=Decimal("20"))
    proposal = ProposalFactory(round=round_, organization=organization)  # ¥30,000 requested, nothing co-funded
    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert "30000.00" in page and "20000.00" in page  # requested vs the maximum grant
    assert "20.00%" in page  # the co-funding share required
    client.post(reverse("venture:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT


def test_submission_is_closed_after_the_deadline_and_the_page_says_so(client, round_, applicant, proposal):
    move_dates(round_, opens_on=-20, submission_deadline=-1)
    client.force_login(applicant)
    page = client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert 'data-testid="closed"' in page
    client.post(reverse("venture:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    assert client.get(reverse("venture:apply", args=[round_.code])).status_code == 404
    assert 'data-testid="closed"' in client.get(reverse("venture:round", args=[round_.code])).content.decode()


def test_submit_and_withdraw(client, applicant, proposal):
    client.force_login(applicant)
    client.post(reverse("venture:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.submitted_at
    client.post(reverse("venture:proposal_withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_ineligible_organization_is_told_why(client):
    site = SiteFactory()
    round_ = RoundFactory(eligible_categories=["charity"])
    round_.eligible_sites.add(site)
    applicant = applicant_of(OrganizationFactory(category="culture_sports"))
    client.force_login(applicant)
    response = client.get(reverse("venture:apply", args=[round_.code]))
    page = response.content.decode()
    assert response.status_code == 200 and "公益慈善类" in page
    assert client.post(reverse("venture:apply", args=[round_.code]), form_data()).status_code == 200
    assert not Proposal.objects.exists()


def test_another_organizations_proposal_is_404_by_every_url(client, proposal):
    stranger = applicant_of(OrganizationFactory())
    client.force_login(stranger)
    for name in ("venture:proposal", "venture:proposal_edit"):
        assert client.get(reverse(name, args=[proposal.pk])).status_code == 404
    for name in ("venture:proposal_submit", "venture:proposal_withdraw", "venture:document_upload"):
        assert client.post(reverse(name, args=[proposal.pk])).status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    assert list(client.get(reverse("venture:my_proposals")).context["proposals"]) == []


def test_an_unconfirmed_or_anonymous_user_sees_no_proposal(client, proposal):
    assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 302  # to sign in
    unconfirmed = applicant_of(OrganizationFactory(), confirmed_at=None)
    client.force_login(unconfirmed)
    assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("venture:my_proposals")).status_code == 404


def test_an_applicant_waiting_for_confirmation_is_offered_no_proposal_link(client, round_, applicant):
    assert round_.is_open
    links = (reverse("venture:apply", args=[round_.code]), reverse("venture:my_proposals"))
    client.force_login(applicant_of(OrganizationFactory(), confirmed_at=None))
    pages = [client.get(reverse("venture:round", args=[round_.code])), client.get(reverse("home"))]
    assert not [link for link in links for page in pages if f'href="{link}"' in page.content.decode()]
    client.force_login(applicant)
    round_page = client.get(reverse("venture:round", args=[round_.code])).content.decode()
    assert f'href="{links[0]}"' in round_page and f'href="{links[1]}"' in round_page


def test_a_submitted_proposal_can_no_longer_be_edited(client, applicant, proposal):
    set_state(proposal, ProposalState.SUBMITTED)
    client.force_login(applicant)
    response = client.post(reverse("venture:proposal_edit", args=[proposal.pk]), form_data(title="改"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title != "改"


def test_documents_are_checked_by_content_and_served_to_the_organization(client, applicant, proposal):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(applicant)
    fake = SimpleUploadedFile("证书.pdf", b"not a pdf at all", content_type="application/pdf")
    client.post(reverse("venture:document_upload", args=[proposal.pk]), {"label": "登记证书复印件", "file": fake})
    assert not proposal.documents.exists()
    real = SimpleUploadedFile("证书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(reverse("venture:document_upload", args=[proposal.pk]), {"label": "登记证书复印件", "file": real})
    document = proposal.documents.get()
    response = client.get(reverse("venture:document", args=[document.pk]))
    assert response.status_code == 200 and "filename*=utf-8''%E8%AF%81%E4%B9%A6.pdf" in response["Content-Disposition"]
