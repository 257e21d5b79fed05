"""Recusal (回避) is one rule, orgs.selectors.recusals: declared ties, membership, affiliation and declared
relatives, and every panel asks it (the evaluation, the pool draw and its reserves)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from orgs import services
from orgs.models import EvaluationKind, Expertise, Stage
from orgs.selectors import experts_free_for, recusals
from tests.factories import ExpertProfileFactory, OrganizationFactory, RubricFactory, StaffFactory, applicant_of
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(name="伊金霍洛旗阳光助老服务中心", short_name="阳光助老")


def test_recusal_counts_ties_membership_affiliation_and_declared_relatives(org):
    other = OrganizationFactory(name="乌兰木伦青少年服务社")
    tied = ExpertProfileFactory()
    tied.tied_organizations.add(org)
    member = ExpertProfileFactory()
    applicant_of(org, user=member.user)
    affiliated = ExpertProfileFactory(affiliation=" 伊金霍洛旗阳光助老服务中心 ")
    by_short_name = ExpertProfileFactory(affiliation="阳光助老")
    relative = ExpertProfileFactory(relatives="表妹在阳光助老任会计")
    free = ExpertProfileFactory(relatives="配偶在旗教育局工作")
    experts = [tied, member, affiliated, by_short_name, relative, free]
    result = recusals(p.user_id for p in experts)
    for profile in experts[:-1]:
        assert result[profile.user_id] == {org.pk}, profile
    assert result[free.user_id] == set()
    assert other.pk not in set().union(*result.values())


def test_an_affiliated_expert_is_not_put_on_the_organizations_admission_evaluation(org, client):
    staff = StaffFactory()
    incubation = IncubationFactory(organization=org, stage=Stage.INSPECTION)
    affiliated = ExpertProfileFactory(affiliation=org.name).user
    relative = ExpertProfileFactory(relatives="其兄在伊金霍洛旗阳光助老服务中心任理事").user
    others = [ExpertProfileFactory().user for _ in range(2)]
    for expert in (affiliated, relative):
        with pytest.raises(ValidationError):
            services.open_evaluation(
                staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), [*others, expert], timezone.localdate()
            )
    evaluation = services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), others, timezone.localdate()
    )
    free = set(experts_free_for(evaluation))
    assert affiliated not in free and relative not in free
    with pytest.raises(ValidationError):
        services.assign_expert(staff, evaluation, affiliated)
    # The workbench's add button: refused on the page, nobody added.
    client.force_login(staff)
    response = client.post(
        reverse("orgs:evaluation_assign", args=[evaluation.pk]), {"assign-expert": affiliated.pk}, follow=True
    )
    assert response.status_code == 200
    assert not evaluation.assignments.filter(expert=affiliated).exists()


def test_the_draw_leaves_out_affiliated_experts_and_a_decline_passes_over_a_reserve_now_affiliated(org):
    staff = StaffFactory()
    for _ in range(6):
        ExpertProfileFactory(fields=[Expertise.CHARITY])
    affiliated = ExpertProfileFactory(fields=[Expertise.CHARITY], affiliation=org.name)
    draw = services.draw_panel(staff, "入壳评估", [org], 3, 2, [Expertise.CHARITY], seed="13")
    assert affiliated.user_id not in draw.candidate_ids
    first_reserve, second_reserve = draw.seats.filter(status="reserve").order_by("position")
    # Since the draw the first reserve took a post with the organization.
    first_reserve.expert.expert_profile.affiliation = org.name
    first_reserve.expert.expert_profile.save()
    leaving = draw.seats.filter(status="panel").first()
    promoted = services.leave_panel(leaving.expert, leaving, "外出学习")
    assert promoted == second_reserve
    first_reserve.refresh_from_db()
    assert first_reserve.status == "reserve"
