"""Fuzzed input on the admin's panel inline: whatever is typed as the expert to add, the answer is a page (the
form again, or the evaluation saved) and nobody the panel's rules refuse ends up on it."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given

from incubator.roles import Role
from orgs import services
from orgs.models import Assignment, EvaluationKind, Stage
from tests.factories import ExpertProfileFactory, RubricFactory, UserFactory
from tests.fuzz_strategies import FUZZ_SLOW_PAGE, each_example, logged_in, reference
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[Role.PARK_STAFF])
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    first = ExpertProfileFactory().user
    evaluation = services.open_evaluation(
        admin, incubation, EvaluationKind.ADMISSION, RubricFactory(), [first], timezone.localdate()
    )
    affiliated = ExpertProfileFactory(affiliation=incubation.organization.name).user
    free = ExpertProfileFactory().user
    return logged_in(admin), admin, evaluation, first, affiliated, free


@FUZZ_SLOW_PAGE
@given(data=reference([]))
def test_panel_inline_form(panel, data):
    client, admin, evaluation, first, affiliated, free = panel
    existing = evaluation.assignments.get()
    for typed in (data, str(affiliated.pk), str(free.pk), str(admin.pk)):
        with each_example():
            response = client.post(
                reverse("admin:orgs_evaluation_change", args=[evaluation.pk]),
                {
                    "organization": evaluation.organization_id,
                    "kind": evaluation.kind,
                    "rubric": evaluation.rubric_id,
                    "due_on": evaluation.due_on.isoformat(),
                    "created_at_0": timezone.localdate().isoformat(),
                    "created_at_1": "09:00:00",
                    "created_by": admin.pk,
                    "assignments-TOTAL_FORMS": "2",
                    "assignments-INITIAL_FORMS": "1",
                    "assignments-MIN_NUM_FORMS": "0",
                    "assignments-MAX_NUM_FORMS": "1000",
                    "assignments-0-id": existing.pk,
                    "assignments-0-evaluation": evaluation.pk,
                    "assignments-0-expert": first.pk,
                    "assignments-1-evaluation": evaluation.pk,
                    "assignments-1-expert": typed,
                },
            )
            assert response.status_code in (200, 302)
            members = set(Assignment.objects.filter(evaluation=evaluation).values_list("expert_id", flat=True))
            assert affiliated.pk not in members and admin.pk not in members
            assert (free.pk in members) == (typed == str(free.pk))
