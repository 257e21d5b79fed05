"""The whole cycle through the services: filed, screened, reviewed, ranked, funded, announced, final,
signed, paid, evaluated and closed; the money on the round adds up at every step."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from incubator.models import Notification
from tests.factories import OrganizationFactory, applicant_of
from tests.venture.factories import ProposalFactory
from tests.venture.helpers import announcing_round_dates, past_round_dates, score_all, screened
from venture import selectors, services
from venture.models import ProposalState, ReviewKind, Tranche

S = ProposalState
pytestmark = pytest.mark.django_db


def test_a_proposal_goes_from_draft_to_closed(round_, staff, experts):
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    proposal = ProposalFactory(round=round_, organization=organization)
    services.submit_proposal(applicant, proposal)
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED and proposal.requested_amount == Decimal("30000.00")

    services.screen(staff, proposal, "passed", eligible=True, complete=True, documents=True, budget=True)
    new, short = services.balanced_assignment(staff, round_, experts)
    assert len(new) == round_.experts_per_proposal and not short
    for assignment in new:
        score_all(assignment, Decimal("0.8"))
    ranked = services.close_review(staff, round_)
    proposal.refresh_from_db()
    assert proposal.state == S.RANKED and proposal.rank == 1 and proposal.score == Decimal("80.00")
    assert ranked == [proposal]

    services.award(staff, proposal, "25000", "预算中宣传费偏高")
    assert selectors.money_summary(round_)["committed"] == Decimal("25000")
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    proposal.refresh_from_db()
    assert proposal.state == S.AWARDED
    agreement = proposal.award.agreement
    assert [t.amount for t in agreement.tranches.all()] == [Decimal("12500.00"), Decimal("7500.00"), Decimal("5000.00")]
    assert Notification.objects.filter(recipient=applicant, kind="venture_outcome").exists()

    today = timezone.localdate()
    services.sign_agreement(staff, agreement, today)
    first, midterm, final = agreement.tranches.all()
    assert (first.state, midterm.state, final.state) == ("released", "waiting", "waiting")
    services.record_payment(staff, first, today, "12500")
    proposal.refresh_from_db()
    assert proposal.state == S.IN_PROGRESS
    money = selectors.money_summary(round_)
    assert (money["committed"], money["paid"], money["uncommitted"]) == (
        Decimal("25000"),
        Decimal("12500"),
        round_.fund_pool - Decimal("25000"),
    )

    report = services.schedule_report(staff, proposal, "midterm", today + datetime.timedelta(days=7))
    services.submit_report(
        applicant, report, activities_done="刺绣培训4期", beneficiaries_reached=35, spent=Decimal("11000")
    )
    services.record_coaching(staff, proposal, "site_visit", today, "实地查看培训现场")

    for kind in (ReviewKind.MIDTERM, ReviewKind.FINAL):
        for expert in experts[:3]:
            assignment = services.assign_expert(staff, proposal, expert, kind=kind)
            score_all(assignment, Decimal("0.75"))
        passed, panel = services.conclude_evaluation(staff, proposal, kind)
        assert passed and panel.result == Decimal("75.00")
    proposal.refresh_from_db()
    assert proposal.state == S.FINAL_EVALUATED
    assert set(agreement.tranches.values_list("state", flat=True)) == {"paid", "released"}
    services.close_project(staff, proposal)
    proposal.refresh_from_db()
    assert proposal.state == S.CLOSED
    assert proposal.history.count() >= 10


def test_a_failed_midterm_stops_every_later_tranche(round_, staff, experts):
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    for assignment in services.balanced_assignment(staff, round_, experts)[0]:
        score_all(assignment, Decimal("0.9"))
    services.close_review(staff, round_)
    services.award(staff, proposal, proposal.requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    agreement = proposal.award.agreement
    services.sign_agreement(staff, agreement, timezone.localdate())
    services.record_payment(staff, agreement.tranches.first(), timezone.localdate(), agreement.tranches.first().amount)
    for expert in experts[:3]:
        score_all(services.assign_expert(staff, proposal, expert, kind="midterm"), Decimal("0.4"))
    passed, _panel = services.conclude_evaluation(staff, proposal, "midterm")
    proposal.refresh_from_db()
    assert not passed and proposal.state == S.MIDTERM_FAILED
    assert list(agreement.tranches.values_list("state", flat=True)) == ["paid", "stopped", "stopped"]
    later = agreement.tranches.get(order=2)
    with pytest.raises(ValidationError, match="拨款条件尚未满足"):
        services.record_payment(staff, later, timezone.localdate(), later.amount)
    assert Tranche.objects.filter(agreement=agreement, state="paid").count() == 1
    services.close_project(staff, proposal)
