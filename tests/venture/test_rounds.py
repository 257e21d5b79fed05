"""Rounds: the call's rules are validated (weights and tranche shares add to 100, dates in order, grant
within the pool) and the public page shows all of it. Preliminary screening by staff."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import RubricFactory, SiteFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from venture import services
from venture.admin.rounds import TranchePlanFormSet
from venture.models import ProposalState, Round, ScreeningRecord, TranchePlanItem

S = ProposalState
pytestmark = pytest.mark.django_db


def test_the_round_refuses_dates_out_of_order_weights_not_100_and_a_grant_above_the_pool():
    round_ = RoundFactory.build(
        rubric=RubricFactory(criteria=[("需求分析", 50), ("项目设计", 40)]), max_grant=Decimal("500000")
    )
    round_.review_deadline = round_.review_starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        round_.full_clean()
    assert {"review_deadline", "rubric", "max_grant"} <= set(error.value.message_dict)


def test_the_database_refuses_a_timetable_out_of_order():
    round_ = RoundFactory()
    with pytest.raises(Exception, match="round_timetable_in_order"):
        Round.objects.filter(pk=round_.pk).update(signing_by=round_.opens_on - datetime.timedelta(days=1))


def _plan_formset(round_, shares):
    data = {"tranche_plan-TOTAL_FORMS": str(len(shares)), "tranche_plan-INITIAL_FORMS": "0"}
    for i, share in enumerate(shares):
        data |= {
            f"tranche_plan-{i}-percentage": share,
            f"tranche_plan-{i}-condition": "signing",
            f"tranche_plan-{i}-order": str(i),
        }
    from django.forms import inlineformset_factory

    FormSet = inlineformset_factory(
        Round, TranchePlanItem, formset=TranchePlanFormSet, fields=["order", "percentage", "condition"]
    )
    return FormSet(data, instance=round_, prefix="tranche_plan")


def test_tranche_shares_must_add_up_to_100():
    round_ = RoundFactory(plan=[(100, "signing")])
    assert not _plan_formset(round_, ["50", "30", "10"]).is_valid()
    assert _plan_formset(round_, ["50", "30", "20"]).is_valid()


def test_the_public_round_page_shows_the_whole_call(client):
    site = SiteFactory(short_name="天骄社区")
    round_ = RoundFactory(
        title="2014年第一届公益创投大赛",
        cofunding_share=Decimal("10"),
        eligible_tracks=["incubation"],
        eligible_categories=["charity"],
        required_documents="登记证书复印件\n项目预算表",
        favoured_areas=["elderly_care", "youth_work"],
    )
    round_.eligible_sites.add(site)
    page = client.get(reverse("venture:round", args=[round_.code])).content.decode()
    for text in (
        "2014年第一届公益创投大赛",
        "440000.00",
        "50000.00",
        "10.00%",
        "孵化类",
        "公益慈善类",
        "天骄社区",
        "社区老人居家养老服务",
        "青少年社会工作服务",
        "登记证书复印件",
        "项目预算表",
        "需求分析",
        "50.00%",
        "中期评估通过后",
        round_.announcement_ends_on.strftime("%Y-%m-%d"),
    ):
        assert text in page, text
    assert round_.title in client.get(reverse("venture:rounds")).content.decode()


def test_staff_screening_needs_a_reason_to_reject_and_returns_only_once(client):
    staff = StaffFactory()
    proposal = set_state(ProposalFactory(), S.SUBMITTED)
    applicant = applicant_of(proposal.organization)
    client.force_login(staff)
    url = reverse("venture:staff_screen", args=[proposal.pk])
    response = client.post(url, {"outcome": "rejected", "reason": ""})
    assert response.status_code == 200 and not ScreeningRecord.objects.exists()
    response = client.post(url, {"outcome": "passed", "eligible": "on"})
    assert response.status_code == 200 and not ScreeningRecord.objects.exists()
    client.post(url, {"outcome": "returned", "reason": "缺少登记证书复印件"})
    proposal.refresh_from_db()
    assert proposal.state == S.RETURNED and proposal.returned_once
    assert applicant.notifications.filter(kind="venture_screened").exists()
    services.submit_proposal(applicant, proposal)
    with pytest.raises(ValidationError):
        services.screen(staff, proposal, "returned", "再次退回")
    client.post(url, {"outcome": "rejected", "reason": "不属于本届资助范围"})
    proposal.refresh_from_db()
    assert proposal.state == S.REJECTED and proposal.decision_reason == "不属于本届资助范围"
    client.force_login(applicant)
    assert "不属于本届资助范围" in client.get(reverse("venture:proposal", args=[proposal.pk])).content.decode()
    assert client.get(url).status_code == 403
