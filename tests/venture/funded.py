"""A funded project for tests: a proposal whose award is final and whose agreement is open (the competition
before it is tested in test_flow and test_announcement)."""

from decimal import Decimal

from tests.factories import applicant_of
from tests.venture.factories import ProposalFactory, set_state
from venture.models import Award, ProposalState
from venture.services.agreements import open_agreement


def final_award(staff, amount="25000", **proposal_fields):
    """(proposal, agreement, applicant): ¥25,000 of a ¥30,000 budget, tranches 50/30/20 waiting."""
    proposal = ProposalFactory(**proposal_fields)
    set_state(proposal, ProposalState.AWARDED)
    award = Award.objects.create(
        proposal=proposal, round=proposal.round, amount=Decimal(amount), partial_reason="宣传费偏高", decided_by=staff
    )
    agreement = open_agreement(award, list(proposal.round.tranche_plan.all()))
    return proposal, agreement, applicant_of(proposal.organization)
