"""Fuzzed input on the stage evaluations: an expert's scores and conflict, staff adding, replacing and deciding."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from orgs import services
from orgs.models import (
    Evaluation,
    EvaluationKind,
    Score,
)
from tests.factories import (
    ExpertFactory,
    RubricFactory,
)
from tests.fuzz_strategies import (
    FUZZ,
    FUZZ_SLOW_PAGE,
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    each_example,
    mostly,
    numbers,
    reference,
    text_or,
    valid_or,
)
from tests.orgs.factories import in_shell

pytestmark = pytest.mark.django_db

# -- expert: scoring and recusal -------------------------------------------------------------------------------


@pytest.fixture
def expert_client(evaluation):
    assignment = evaluation.assignments.first()
    services.accept_panel_pledge(assignment.expert, evaluation)
    client = Client()
    client.force_login(assignment.expert)
    client.assignment = assignment
    return client


@FUZZ
@given(values=st.lists(valid_or("9.5", numbers), min_size=6, max_size=6), comment=text_or(WITNESS))
def test_score_form(evaluation, expert_client, values, comment):
    criteria = list(evaluation.rubric.criteria.all())
    data = {"score": "1", "comment": comment} | {f"criterion_{c.pk}": v for c, v in zip(criteria, values, strict=True)}
    with each_example():
        response = expert_client.post(reverse("orgs:expert_score", args=[expert_client.assignment.pk]), data)
        assert response.status_code in (200, 302)
        for score in Score.objects.select_related("criterion"):
            assert_valid([score])
            assert 0 <= score.value <= score.criterion.max_score
        if response.status_code == 200:
            assert not Score.objects.exists()
            assert_kept(response, comment=comment, **{k: v for k, v in data.items() if k.startswith("criterion_")})


@FUZZ
@given(note=text_or("其配偶在该组织任职", 500))
def test_conflict_form(evaluation, expert_client, note):
    with each_example():
        url = reverse("orgs:expert_conflict", args=[expert_client.assignment.pk])
        response = expert_client.post(url, {"note": note})
        assert response.status_code in (200, 302)
        assignment = evaluation.assignments.get(pk=expert_client.assignment.pk)
        assert_valid([assignment])
        if response.status_code == 200:
            assert assignment.conflict_declared_at is None
            assert_kept(response, note=note)
        else:
            assert assignment.conflict_note == note.strip() and assignment.conflict_note


# -- staff: the evaluation page --------------------------------------------------------------------------------
@pytest.fixture
def free_expert():
    return ExpertFactory()


@FUZZ
@given(step=st.sampled_from(["assign", "replace"]), expert=mostly, junk=reference([]), assignment=reference([]))
@example(step="replace", expert=False, junk="1", assignment="abc")
def test_replace_expert_form(evaluation, free_expert, staff_client, step, expert, junk, assignment):
    free = free_expert
    current = evaluation.assignments.first()
    field = "assign-expert" if step == "assign" else "expert"
    data = {field: str(free.pk) if expert else junk, "assignment": str(current.pk) if expert else assignment}
    with each_example():
        before = evaluation.assignments.count()
        response = staff_client.post(reverse(f"orgs:evaluation_{step}", args=[evaluation.pk]), data)
        assert response.status_code in (200, 302, 404)
        assert_valid(evaluation.assignments.all())
        if response.status_code != 302:
            assert evaluation.assignments.count() == before


@pytest.fixture
def closed_growth(staff):
    incubation = in_shell()
    experts = ExpertFactory.create_batch(2)
    evaluation = services.open_evaluation(
        staff, incubation, EvaluationKind.GROWTH, RubricFactory(), experts, timezone.localdate()
    )
    assignment = evaluation.assignments.first()
    services.submit_scores(assignment.expert, assignment, {c.pk: c.max_score for c in evaluation.rubric.criteria.all()})
    return services.close_evaluation(staff, evaluation)


@FUZZ_SLOW_PAGE
@given(decision=choice(Evaluation.Decision.values), months=valid_or("3", numbers), note=text_or(WITNESS))
def test_decision_form(closed_growth, staff_client, decision, months, note):
    data = {"decision": decision, "months": months, "note": note}
    with each_example():
        response = staff_client.post(reverse("orgs:evaluation_decide", args=[closed_growth.pk]), data)
        assert response.status_code in (200, 302)
        evaluation = Evaluation.objects.get(pk=closed_growth.pk)
        incubation = evaluation.organization.incubation
        assert_valid([evaluation, incubation])
        if response.status_code == 200:
            assert evaluation.status == Evaluation.Status.CLOSED
            assert_kept(response, note=note)
        elif evaluation.status == Evaluation.Status.DECIDED:
            assert evaluation.decision in Evaluation.Decision.values
            assert evaluation.decision == Evaluation.Decision.PASSED or evaluation.decision_note
