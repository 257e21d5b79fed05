"""Stage evaluations: panels, recusal, blind scoring, the computed result, the staff decision."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubator import panels, scoring
from incubator.protocol import Contribution
from orgs import services
from orgs.models import Evaluation, EvaluationKind, ExpertProfile, Score, Stage
from orgs.selectors import assignments_for_expert
from tests.factories import (
    ExpertFactory,
    ExpertProfileFactory,
    OrganizationFactory,
    RubricFactory,
    StaffFactory,
    applicant_of,
)
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    staff = StaffFactory()
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    experts = ExpertFactory.create_batch(3)
    evaluation = services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), experts, timezone.localdate()
    )
    for expert in experts:
        services.accept_panel_pledge(expert, evaluation)
    return staff, incubation, experts, evaluation


def form_data(evaluation, values):
    data = {"score": "1", "comment": "团队扎实"}
    for criterion, value in zip(evaluation.rubric.criteria.all(), values, strict=True):
        data[f"criterion_{criterion.pk}"] = str(value)
    return data


def test_expert_scores_in_the_portal_and_sees_only_own_scores(client, setup):
    staff, incubation, (alice, bob, carol), evaluation = setup
    bob_assignment = evaluation.assignments.get(expert=bob)
    services.submit_scores(bob, bob_assignment, {c.pk: Decimal("1.11") for c in evaluation.rubric.criteria.all()})

    client.force_login(alice)
    home = client.get(reverse("orgs:expert_home")).content.decode()
    assert incubation.organization.name in home
    mine = evaluation.assignments.get(expert=alice)
    url = reverse("orgs:expert_assignment", args=[mine.pk])
    page = client.get(url).content.decode()
    assert "1.11" not in page  # Bob's scores stay hidden while scoring is open
    score = reverse("orgs:expert_score", args=[mine.pk])
    assert client.post(score, form_data(evaluation, [20, 25, 20, 15, 10, 10])).status_code == 302
    mine.refresh_from_db()
    assert mine.total == Decimal("100.00")
    # Someone else's assignment by direct URL: 404.
    assert client.get(reverse("orgs:expert_assignment", args=[bob_assignment.pk])).status_code == 404


def test_out_of_range_score_keeps_what_was_typed(client, setup):
    _staff, _incubation, (alice, *_rest), evaluation = setup
    client.force_login(alice)
    mine = evaluation.assignments.get(expert=alice)
    response = client.post(
        reverse("orgs:expert_score", args=[mine.pk]), form_data(evaluation, [25, 24, 20, 15, 10, 10])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="25"' in page and 'value="24"' in page and "团队扎实" in page
    assert not Score.objects.exists()


def test_conflicted_expert_declares_and_is_replaced(client, setup):
    staff, incubation, (alice, bob, carol), evaluation = setup
    mine = evaluation.assignments.get(expert=alice)
    client.force_login(alice)
    response = client.post(reverse("orgs:expert_conflict", args=[mine.pk]), {"note": "曾任该组织顾问"})
    assert response.status_code == 302
    assert client.get(reverse("orgs:expert_assignment", args=[mine.pk])).status_code == 404
    assert incubation.organization.name not in client.get(reverse("orgs:expert_home")).content.decode()

    dave = ExpertFactory()
    services.replace_expert(staff, evaluation.assignments.get(expert=alice), dave)
    assert set(evaluation.assignments.filter(replaced_at__isnull=True, conflict_declared_at__isnull=True).values_list(
        "expert", flat=True)) == {bob.pk, carol.pk, dave.pk}  # fmt: skip


def test_tied_expert_cannot_be_assigned_nor_see_it(setup):
    staff, incubation, (alice, *_rest), evaluation = setup
    tied = ExpertProfileFactory().user
    ExpertProfile.objects.get(user=tied).tied_organizations.add(incubation.organization)
    with pytest.raises(ValidationError):
        services.assign_expert(staff, evaluation, tied)
    # Even an assignment made before the tie was declared disappears from the expert's view.
    ExpertProfile.objects.create(user=alice).tied_organizations.add(incubation.organization)

    assert not assignments_for_expert(alice).exists()


def test_applicant_and_other_experts_cannot_score(setup):
    _staff, incubation, (alice, bob, _carol), evaluation = setup
    mine = evaluation.assignments.get(expert=alice)
    with pytest.raises(PermissionDenied):
        services.submit_scores(bob, mine, {})
    with pytest.raises(PermissionDenied):
        services.submit_scores(applicant_of(incubation.organization), mine, {})


def test_staff_see_every_score_and_the_mean_then_decide(client, setup, settings, tmp_path, contribute):
    staff, incubation, experts, evaluation = setup
    criteria = list(evaluation.rubric.criteria.all())
    shares = [Decimal("0.9"), Decimal("0.7"), Decimal("0.5")]
    for expert, share in zip(experts, shares, strict=True):
        services.submit_scores(
            expert, evaluation.assignments.get(expert=expert), {c.pk: c.max_score * share for c in criteria}
        )
    expected = scoring.panel_result([Decimal("90"), Decimal("70"), Decimal("50")])
    (tmp_path / "star.html").write_text("<p>{{ stars }} 星</p>", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    def provider(request, obj):
        return panels.Panel("党组织星级", "star.html", {"stars": 4}) if request.user.is_park_staff else None

    contribute(Contribution(panels={"evaluation": provider}))
    client.force_login(staff)
    page = client.get(reverse("orgs:evaluation", args=[evaluation.pk])).content.decode()
    assert "90.00" in page and "70.00" in page and "50.00" in page and str(expected.mean) in page
    assert "4 星" in page and "党组织星级" in page

    client.post(reverse("orgs:evaluation_close", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.CLOSED and evaluation.result == Decimal("70.00")

    # After closing the expert sees the panel's totals, without names.
    client.force_login(experts[0])
    page = client.get(
        reverse("orgs:expert_assignment", args=[evaluation.assignments.get(expert=experts[0]).pk])
    ).content.decode()
    assert "50.00" in page and str(experts[1]) not in page

    client.force_login(staff)
    response = client.post(reverse("orgs:evaluation_decide", args=[evaluation.pk]), {"decision": "failed", "note": ""})
    assert response.status_code == 200 and "请填写理由" in response.content.decode()
    client.post(reverse("orgs:evaluation_decide", args=[evaluation.pk]), {"decision": "passed", "note": "同意入壳"})
    incubation.refresh_from_db()
    assert incubation.stage == Stage.IN_SHELL


def test_rubric_must_weigh_100(setup):
    staff, _incubation, experts, _evaluation = setup
    other = IncubationFactory(stage=Stage.INSPECTION)
    with pytest.raises(ValidationError):
        services.open_evaluation(
            staff,
            other,
            EvaluationKind.ADMISSION,
            RubricFactory(criteria=[("项目设计", 50)]),
            experts,
            timezone.localdate(),
        )


def test_experts_list_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    staff, expert, rubric = StaffFactory(), ExpertFactory(), RubricFactory()

    def make(n):
        for _ in range(n):
            ev = Evaluation.objects.create(
                organization=OrganizationFactory(),
                kind=EvaluationKind.ADMISSION,
                rubric=rubric,
                due_on=timezone.localdate(),
            )
            services.assign_expert(staff, ev, expert)
            services.accept_panel_pledge(expert, ev)

    client.force_login(expert)
    make(3)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("orgs:expert_home"))
    make(40)
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse("orgs:expert_home")).status_code == 200
