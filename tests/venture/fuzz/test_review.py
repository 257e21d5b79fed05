"""Fuzzed input on screening, expert assignment, the conflict declaration, the scoring form and reopening a review."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import (
    ExpertProfileFactory,
    StaffFactory,
)
from tests.fuzz_strategies import (
    FUZZ as FUZZ_FORM,
)
from tests.fuzz_strategies import (
    IN_A_MONTH,
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    dates,
    each_example,
    logged_in,
    mostly,
    reference,
    text_or,
    valid_or,
)
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.fuzz.strategies import FUZZ, numberish
from tests.venture.helpers import score_all, screened
from venture import services
from venture.models import (
    Assignment,
    ProposalState,
    Review,
    Score,
    ScreeningRecord,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(open_round):
    return set_state(ProposalFactory(round=open_round), ProposalState.SUBMITTED)


@FUZZ_FORM
@given(
    checks=st.lists(choice(["on"], junk=["", "\x00"]), min_size=4, max_size=4),
    outcome=choice(ScreeningRecord.Outcome.values),
    reason=text_or(WITNESS),
    completion_due_on=valid_or(IN_A_MONTH, dates),
)
def test_screening_form(submitted, staff_client, checks, outcome, reason, completion_due_on):
    data = dict(zip(["eligible", "complete", "documents", "budget"], checks, strict=True))
    data |= {"outcome": outcome, "reason": reason, "completion_due_on": completion_due_on}
    with each_example():
        response = staff_client.post(reverse("venture:staff_screen", args=[submitted.pk]), data)
        assert response.status_code in (200, 302)
        records = list(ScreeningRecord.objects.all())
        assert_valid(records)
        for record in records:
            assert record.outcome != "passed" or all(
                (record.eligible, record.complete, record.documents, record.budget)
            )
            assert record.outcome == "passed" or record.reason
            returned = record.proposal
            returned.refresh_from_db()
            assert record.outcome != "returned" or returned.completion_due_on >= timezone.localdate()
        if response.status_code == 200:
            assert not records
            assert_kept(response, reason=reason)


@pytest.mark.django_db
@FUZZ
@given(values=st.lists(numberish, min_size=6, max_size=6), comment=st.text(max_size=50))
def test_the_scoring_form_never_fails_and_keeps_scores_in_range(client, values, comment):
    staff = StaffFactory()
    proposal = ProposalFactory(round=RoundFactory())
    expert = ExpertProfileFactory().user
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    services.declare_conflict(expert, assignment, False)
    criteria = list(proposal.round.rubric.criteria.all())
    client.force_login(expert)
    data = {f"score_{c.pk}": v for c, v in zip(criteria, values, strict=True)} | {
        "overall_comment": comment,
        "submit": "1",
    }
    response = client.post(reverse("venture:submit_review", args=[proposal.pk, "proposal"]), data)
    assert response.status_code in (200, 302)
    for score in Score.objects.select_related("criterion"):
        assert score.value is None or Decimal(0) <= score.value <= score.criterion.max_score


@pytest.fixture
def reviewing(staff, open_round):
    proposal = ProposalFactory(round=open_round)
    screened(proposal, staff)
    expert = ExpertProfileFactory().user
    return services.assign_expert(staff, proposal, expert), ExpertProfileFactory().user


@FUZZ_FORM
@given(conflict=choice(["yes", "no"]), note=text_or(WITNESS, 300))
def test_declaration_form(reviewing, conflict, note):
    assignment, _other = reviewing
    with each_example():
        client = logged_in(assignment.expert)
        response = client.post(
            reverse("venture:declare_conflict", args=[assignment.proposal_id, assignment.kind]),
            {"conflict": conflict, "conflict_note": note},
        )
        assert response.status_code in (200, 302)
        stored = Assignment.objects.get(pk=assignment.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.conflict == Assignment.Conflict.UNDECLARED
            assert_kept(response, conflict_note=note)
        else:
            assert stored.conflict != Assignment.Conflict.CONFLICT or stored.conflict_note


@FUZZ_FORM
@given(expert=mostly, junk=reference([]))
def test_assign_form(reviewing, staff_client, expert, junk):
    assignment, other = reviewing
    with each_example():
        data = {"expert": str(other.pk) if expert else junk}
        response = staff_client.post(reverse("venture:assign_expert", args=[assignment.proposal_id]), data)
        # Assigned: back to the page; refused: the page again, the reason on the proposal's row.
        assert response.status_code == (302 if expert else 200)
        assert_valid(Assignment.objects.all())
        assert Assignment.objects.count() == 1 + expert


@pytest.fixture
def submitted_review(reviewing):
    assignment, _other = reviewing
    return score_all(assignment, Decimal("0.8"))


@FUZZ_FORM
@given(reason=text_or("评分有误，请重新评审", 300))
def test_reason_form_on_reopening(submitted_review, staff_client, reason):
    with each_example():
        response = staff_client.post(reverse("venture:reopen_review", args=[submitted_review.pk]), {"reason": reason})
        assert response.status_code in (200, 302)
        review = Review.objects.get(pk=submitted_review.pk)
        assert_valid([review])
        if response.status_code == 200:  # refused: the proposal's page again, with the reason as typed
            assert review.state == Review.State.SUBMITTED
            assert_kept(response, reason=reason)
        assert review.state == Review.State.SUBMITTED or review.reopened_reason == reason.strip()
        assert reason != "评分有误，请重新评审" or review.state == Review.State.DRAFT
