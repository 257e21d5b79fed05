"""The admin door of the review rules: a submitted review's scores are read only, a rubric in use keeps its
weights, venture assignments are made on the workbench, an evaluation's new panel member passes recusal."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from incubator.roles import Role
from orgs import services as orgs_services
from orgs.models import Assignment as PanelAssignment
from orgs.models import EvaluationKind, Stage
from tests.factories import ExpertProfileFactory, RubricFactory, UserFactory
from tests.orgs.factories import IncubationFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import score_all, screened
from venture import services
from venture.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_staff(db):
    return UserFactory(is_staff=True, is_superuser=True, roles=[Role.PARK_STAFF])


def _inline_management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_submitted_reviews_scores_cannot_be_changed_in_the_admin(admin_staff, client):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, admin_staff)
    review = score_all(services.assign_expert(admin_staff, proposal, ExpertProfileFactory().user), Decimal("0.8"))
    client.force_login(admin_staff)
    url = reverse("admin:venture_review_change", args=[review.pk])
    page = client.get(url).content.decode()
    assert 'name="scores-0-value"' not in page and 'name="overall_comment"' not in page
    scores = list(review.scores.order_by("pk"))
    data = _inline_management("scores", len(scores), len(scores))
    for n, score in enumerate(scores):
        data |= {f"scores-{n}-id": score.pk, f"scores-{n}-review": review.pk, f"scores-{n}-value": "0"}
    client.post(url, data | {"overall_comment": "改过", "state": "draft"})
    review.refresh_from_db()
    assert review.state == Review.State.SUBMITTED and review.total == Decimal("80.00")
    assert {s.value for s in review.scores.all()} == {s.value for s in scores}
    assert client.get(reverse("admin:venture_assignment_add")).status_code == 403


def test_a_rubric_keeps_its_weights_while_experts_score_on_it(admin_staff, client):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, admin_staff)
    services.assign_expert(admin_staff, proposal, ExpertProfileFactory().user)
    rubric = round_.rubric
    client.force_login(admin_staff)
    url = reverse("admin:incubator_rubric_change", args=[rubric.pk])
    page = client.get(url).content.decode()
    assert 'name="criteria-0-weight"' not in page and "不能修改" in page
    criteria = list(rubric.criteria.order_by("pk"))
    data = {"name": rubric.name, "pass_mark": "10"} | _inline_management("criteria", len(criteria), len(criteria))
    for n, criterion in enumerate(criteria):
        data |= {f"criteria-{n}-id": criterion.pk, f"criteria-{n}-rubric": rubric.pk}
        data |= {f"criteria-{n}-name": criterion.name, f"criteria-{n}-weight": "1", f"criteria-{n}-max_score": "1"}
    client.post(url, data)
    assert [c.weight for c in rubric.criteria.order_by("pk")] == [c.weight for c in criteria]
    rubric.refresh_from_db()
    assert rubric.pass_mark != Decimal("10")
    # Once the review closes the rubric can be worked on again.
    free = RubricFactory()
    assert (
        'name="criteria-0-weight"'
        in client.get(reverse("admin:incubator_rubric_change", args=[free.pk])).content.decode()
    )


def test_an_expert_added_to_an_evaluation_in_the_admin_passes_recusal(admin_staff, client):
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    organization = incubation.organization
    first = ExpertProfileFactory().user
    evaluation = orgs_services.open_evaluation(
        admin_staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), [first], timezone.localdate()
    )
    affiliated = ExpertProfileFactory(affiliation=organization.name).user
    free = ExpertProfileFactory().user
    client.force_login(admin_staff)
    url = reverse("admin:orgs_evaluation_change", args=[evaluation.pk])
    base = {
        "organization": organization.pk,
        "kind": evaluation.kind,
        "rubric": evaluation.rubric_id,
        "due_on": evaluation.due_on.isoformat(),
        "created_at_0": timezone.localdate().isoformat(),
        "created_at_1": "09:00:00",
        "created_by": admin_staff.pk,
    }
    existing = evaluation.assignments.get()
    data = base | _inline_management("assignments", 2, 1)
    data |= {"assignments-0-id": existing.pk, "assignments-0-evaluation": evaluation.pk}
    data |= {"assignments-0-expert": first.pk, "assignments-1-evaluation": evaluation.pk}
    response = client.post(url, data | {"assignments-1-expert": affiliated.pk})
    assert response.status_code == 200 and "回避" in response.content.decode()
    assert not PanelAssignment.objects.filter(evaluation=evaluation, expert=affiliated).exists()
    response = client.post(url, data | {"assignments-1-expert": free.pk})
    assert response.status_code == 302
    added = PanelAssignment.objects.get(evaluation=evaluation, expert=free)
    assert added.assigned_by == admin_staff and added.method == PanelAssignment.Method.CHOSEN
