"""The public announcement (公示): a public page, objections from anyone, handled by staff; awards become
final only after the period and once every objection is resolved; agreements and tranches follow."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from incubator.models import Notification
from tests.factories import ExpertProfileFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, past_round_dates, score_all, screened
from venture import selectors, services
from venture.models import Objection, ProposalState, Tranche

S = ProposalState
pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    services.award(staff, proposals[0], proposals[0].requested_amount)
    services.award(staff, proposals[1], "20000", "压缩宣传费")
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    return staff, round_, proposals


def test_the_public_page_lists_the_proposed_awards_and_takes_objections(client, announced):
    staff, round_, proposals = announced
    url = reverse("venture:announcement", args=[round_.code])
    page = client.get(url).content.decode()
    assert proposals[0].organization.name in page and "20000.00" in page
    assert proposals[2].title not in page  # not proposed for funding
    url = reverse("venture:file_objection", args=[round_.code])
    response = client.post(
        url, {"proposal": proposals[1].pk, "name": "居民甲", "contact": "abc", "text": "=HYPERLINK()"}
    )
    assert response.status_code == 200 and "居民甲" in response.content.decode()
    assert not Objection.objects.exists()
    client.post(
        url, {"proposal": proposals[1].pk, "name": "居民甲", "contact": "13900000000", "text": "该组织去年项目未完成"}
    )
    objection = Objection.objects.get()
    assert objection.proposal == proposals[1]
    assert Notification.objects.filter(recipient=staff, kind="venture_objection").exists()


def test_objections_only_on_announced_proposals_during_the_period(client, announced):
    _staff, round_, proposals = announced
    url = reverse("venture:file_objection", args=[round_.code])
    client.post(url, {"proposal": proposals[2].pk, "name": "甲", "contact": "13900000000", "text": "x"})
    assert not Objection.objects.exists()
    past_round_dates(round_)
    with pytest.raises(ValidationError):
        services.file_objection(round_, proposals[0], "甲", "13900000000", "x")


def test_awards_become_final_only_after_the_period_and_every_objection_handled(announced):
    staff, round_, proposals = announced
    objection = services.file_objection(round_, proposals[1], "居民乙", "a@example.org", "预算不实")
    with pytest.raises(ValidationError, match="2"):  # the period still runs
        services.finalize_awards(staff, round_)
    past_round_dates(round_)
    with pytest.raises(ValidationError):
        services.finalize_awards(staff, round_)  # an objection is open
    with pytest.raises(ValidationError):
        services.handle_objection(staff, objection, "upheld", "")
    services.handle_objection(staff, objection, "upheld", "经核实预算不实，取消资助")
    proposals[1].refresh_from_db()
    assert proposals[1].state == S.DECLINED
    assert selectors.committed_total(round_) == proposals[0].requested_amount  # the money returned to the pool
    services.finalize_awards(staff, round_)
    states = [p.state for p in selectors.round_proposals(round_).order_by("rank")]
    assert states == [S.AWARDED, S.DECLINED, S.DECLINED]
    tranches = Tranche.objects.filter(agreement__award__proposal=proposals[0])
    assert [t.percentage for t in tranches] == [Decimal("50.00"), Decimal("30.00"), Decimal("20.00")]
    assert sum(t.amount for t in tranches) == proposals[0].requested_amount


def test_applicants_are_notified_of_the_outcome(announced):
    staff, round_, proposals = announced
    members = [applicant_of(p.organization) for p in proposals]
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    for member in members:
        assert member.notifications.filter(kind="venture_outcome").count() == 1


def test_tranches_are_released_only_when_their_condition_is_met(client, announced):
    staff, round_, proposals = announced
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    agreement = proposals[0].award.agreement
    first, midterm, _final = agreement.tranches.all()
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.record_payment(staff, first, today, first.amount)  # not signed yet
    client.force_login(staff)
    client.post(reverse("venture:sign_agreement", args=[agreement.pk]), {"signed_on": today.isoformat()})
    first.refresh_from_db()
    assert first.state == "released"
    response = client.post(
        reverse("venture:record_payment", args=[midterm.pk]),
        {"paid_on": today.isoformat(), "amount": str(midterm.amount)},
        follow=True,
    )
    midterm.refresh_from_db()
    assert midterm.state == "waiting" and response.status_code == 200
    client.post(reverse("venture:record_payment", args=[first.pk]), {"paid_on": today.isoformat(), "amount": "1"})
    first.refresh_from_db()
    assert first.state == "released"  # the amount must match the tranche
    client.post(
        reverse("venture:record_payment", args=[first.pk]), {"paid_on": today.isoformat(), "amount": str(first.amount)}
    )
    first.refresh_from_db()
    assert first.state == "paid" and first.paid_on == today
    page = client.get(reverse("venture:staff_agreements", args=[round_.pk])).content.decode()
    money = selectors.money_summary(round_)
    assert str(money["paid"]) in page and str(money["committed"]) in page and str(money["uncommitted"]) in page
    public = client.get(reverse("venture:round", args=[round_.code])).content.decode()
    assert 'data-testid="money"' in public and str(money["paid"]) in public


def test_the_funded_projects_page_lists_only_final_awards(client, announced):
    staff, round_, proposals = announced
    assert proposals[0].title not in client.get(reverse("venture:funded")).content.decode()
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    page = client.get(reverse("venture:funded")).content.decode()
    assert proposals[0].title in page and proposals[2].title not in page


def test_agreements_need_a_tranche_plan_adding_up_to_100(announced):
    staff, round_, _proposals = announced
    past_round_dates(round_)
    round_.tranche_plan.filter(condition="final").delete()
    with pytest.raises(ValidationError):
        services.finalize_awards(staff, round_)


def test_handling_an_objection_without_an_outcome_keeps_what_staff_wrote(client, announced):
    """The form redirected with a message and the handling typed was lost."""
    staff, round_, proposals = announced
    objection = services.file_objection(round_, proposals[1], "居民乙", "a@example.org", "预算不实")
    client.force_login(staff)
    url = reverse("venture:handle_objection", args=[objection.pk])
    response = client.post(url, {"handling": "已电话联系异议人，核实预算明细"})
    assert response.status_code == 200
    assert "已电话联系异议人，核实预算明细" in response.content.decode()
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.OPEN
    client.post(url, {"outcome": "dismissed", "handling": "已电话联系异议人，核实预算明细"})
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.DISMISSED
