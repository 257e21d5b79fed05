"""Closing the expert review: the round's minimum of submitted reviews per proposal or a recorded override;
after it closes nothing changes a score (service, expert page, race), and a page view writes no row."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from incubator.models import Notification
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import pledged, score_all, screened
from venture import services
from venture.models import Assignment, Review, ReviewOverride

pytestmark = pytest.mark.django_db


def _is_closed(round_):
    round_.refresh_from_db()
    return round_.review_closed


@pytest.fixture
def panel(staff):
    """A round of two proposals and five experts each; the first has all five reviews, the second one."""
    round_ = RoundFactory(experts_per_proposal=5)
    experts = [ExpertProfileFactory().user for _ in range(5)]
    full, short = (ProposalFactory(round=round_, organization=OrganizationFactory()) for _ in range(2))
    for proposal in (full, short):
        screened(proposal, staff)
        for expert in experts:
            services.assign_expert(staff, proposal, expert)
    pledged(round_, *experts)
    for assignment in Assignment.objects.filter(proposal=full):
        score_all(assignment, Decimal("0.8"))
    score_all(Assignment.objects.get(proposal=short, expert=experts[0]), Decimal("0.6"))
    return round_, full, short, experts


def test_the_review_does_not_close_with_one_of_five_reviews_without_a_recorded_override(panel, staff, client):
    round_, full, short, experts = panel
    with pytest.raises(ValidationError) as refused:
        services.close_review(staff, round_)
    assert short.code in str(refused.value) and full.code not in str(refused.value)
    round_.refresh_from_db()
    assert not round_.review_closed
    client.force_login(staff)
    page = client.get(reverse("venture:staff_review", args=[round_.pk])).content.decode()
    assert "1 / 5" in page and str(experts[1]) in page and str(experts[4]) in page
    # The workbench: closing is refused on the page; an override needs a reason, kept when refused.
    response = client.post(reverse("venture:close_review", args=[round_.pk]), follow=True)
    assert short.code in response.content.decode() and not _is_closed(round_)
    response = client.post(reverse("venture:allow_short_review", args=[short.pk]), {"reason": " "})
    assert response.status_code == 200 and not ReviewOverride.objects.exists()
    reason = "两位专家因病缺席，无法替换"
    response = client.post(reverse("venture:allow_short_review", args=[short.pk]), {"reason": reason})
    assert response.status_code == 302
    override = ReviewOverride.objects.get(proposal=short)
    assert (override.by, override.reason, override.reviews, override.needed) == (staff, reason, 1, 5)
    page = client.get(reverse("venture:staff_review", args=[round_.pk])).content.decode()
    assert reason in page
    with pytest.raises(ValidationError):
        services.allow_short_review(staff, full, "不需要")
    ranked = services.close_review(staff, round_)
    assert [p.pk for p in ranked] == [full.pk, short.pk]


def test_the_round_sets_the_minimum(staff):
    round_ = RoundFactory(experts_per_proposal=5, min_reviews=3)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    for _ in range(3):
        score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.7"))
    assert round_.reviews_needed == 3
    services.close_review(staff, round_)


def _closed(panel, staff):
    round_, full, short, experts = panel
    services.allow_short_review(staff, short, "专家缺席")
    services.close_review(staff, round_)
    return round_, full, short, experts


def test_after_close_no_score_changes_and_the_page_is_read_only(panel, staff, client):
    round_, full, short, experts = _closed(panel, staff)
    undeclared = Assignment.objects.get(proposal=short, expert=experts[2])
    short.refresh_from_db()
    score_before = short.score
    # The service: neither a declaration nor a score (the late score once moved a result 80.00 → 65.00).
    with pytest.raises(ValidationError, match="评审已结束"):
        services.declare_conflict(experts[2], undeclared, False)
    with pytest.raises(ValidationError, match="评审已结束"):
        score_all(Assignment.objects.get(proposal=short, expert=experts[0]), Decimal("0.1"))
    # The expert's page: read-only, in Chinese, and a post is refused on it.
    client.force_login(experts[0])
    url = reverse("venture:expert_proposal", args=[short.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="review-closed"' in page and "评审已结束" in page
    assert reverse("venture:submit_review", args=[short.pk, "proposal"]) not in page
    criteria = list(round_.rubric.criteria.all())
    data = {f"score_{c.pk}": "1" for c in criteria}
    response = client.post(reverse("venture:submit_review", args=[short.pk, "proposal"]), data)
    assert response.status_code == 200 and "评审已结束" in response.content.decode()
    short.refresh_from_db()
    assert short.score == score_before
    assert Review.objects.get(assignment__proposal=short, assignment__expert=experts[0]).total == Decimal("60.00")


def test_opening_the_scoring_page_writes_no_review(staff, client):
    proposal = ProposalFactory(round=RoundFactory(experts_per_proposal=1))
    screened(proposal, staff)
    expert = ExpertProfileFactory().user
    assignment = services.assign_expert(staff, proposal, expert)
    pledged(proposal.round, expert)
    services.declare_conflict(expert, assignment, False)
    client.force_login(expert)
    for _ in range(2):
        assert client.get(reverse("venture:expert_proposal", args=[proposal.pk])).status_code == 200
    assert client.get(reverse("venture:expert_portal")).status_code == 200
    assert not Review.objects.filter(assignment=assignment).exists()


def test_a_declared_conflict_tells_the_rounds_staff(staff):
    proposal = ProposalFactory(round=RoundFactory(experts_per_proposal=1))
    screened(proposal, staff)
    expert = ExpertProfileFactory().user
    assignment = services.assign_expert(staff, proposal, expert)
    services.declare_conflict(expert, assignment, True, "曾担任该机构顾问")
    note = Notification.objects.get(recipient=staff, kind="venture_conflict_declared")
    assert proposal.code in note.title


def test_assigning_a_recused_expert_again_says_why_on_the_page_with_the_expert_still_chosen(staff, client):
    proposal = ProposalFactory(round=RoundFactory(experts_per_proposal=2))
    screened(proposal, staff)
    experts = [ExpertProfileFactory().user for _ in range(3)]
    services.declare_conflict(experts[1], services.assign_expert(staff, proposal, experts[1]), True, "亲属任职")
    client.force_login(staff)
    url = reverse("venture:assign_expert", args=[proposal.pk])
    response = client.post(url, {"expert": experts[1].pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "回避" in page and "专家已分配" not in page
    assert f'<option value="{experts[1].pk}" selected>' in page
    assert Assignment.objects.filter(proposal=proposal).count() == 1
    assert client.post(url, {"expert": experts[2].pk}).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_an_expert_submitting_while_staff_close_one_wins_and_the_other_is_told(role_groups):
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=2, min_reviews=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    first, second = (ExpertProfileFactory().user for _ in range(2))
    score_all(services.assign_expert(staff, proposal, first), Decimal("0.8"))
    late = services.assign_expert(staff, proposal, second)
    services.declare_conflict(second, late, False)
    scores = {c.pk: (c.max_score / 2, "") for c in round_.rubric.criteria.all()}
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = " ".join(error.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("close", lambda: services.close_review(staff, round_))),
        threading.Thread(
            target=run, args=("submit", lambda: services.save_review(second, late, scores, "", submit=True))
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes["close"] == "done"
    proposal.refresh_from_db()
    submitted = Review.objects.filter(assignment__proposal=proposal, state="submitted").count()
    if outcomes["submit"] == "done":
        # The expert won: the close counted the score.
        assert submitted == 2 and proposal.score == Decimal("65.00")
    else:
        assert "评审已结束" in outcomes["submit"] and submitted == 1 and proposal.score == Decimal("80.00")


def test_the_mid_term_evaluation_is_scored_on_the_implementation_rubric(staff, client):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    expert = ExpertProfileFactory().user
    assignment = services.assign_expert(staff, proposal, expert, kind="midterm")
    pledged(round_, expert)
    services.declare_conflict(expert, assignment, False)
    client.force_login(expert)
    page = client.get(reverse("venture:expert_evaluation", args=[proposal.pk, "midterm"])).content.decode()
    for criterion in round_.implementation_rubric.criteria.all():
        assert f'name="score_{criterion.pk}"' in page
    for criterion in round_.rubric.criteria.all():
        assert f'name="score_{criterion.pk}"' not in page
    assignment.refresh_from_db()
    review = score_all(assignment, Decimal("0.5"))
    names = set(review.scores.values_list("criterion__name", flat=True))
    assert names == set(round_.implementation_rubric.criteria.values_list("name", flat=True))
