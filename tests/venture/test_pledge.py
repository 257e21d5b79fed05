"""Every expert of every panel accepts the integrity pledge (承诺书) before anything under review opens: drawn
experts on their seat (test_pool), experts put on a panel by hand here, for a round and for an evaluation."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from orgs import services as orgs_services
from orgs.models import EvaluationKind, Pledge, Stage
from tests.factories import ExpertProfileFactory, RubricFactory
from tests.orgs.factories import IncubationFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import screened
from venture import services
from venture.models import ProposalDocument

pytestmark = pytest.mark.django_db


def test_a_hand_assigned_expert_sees_nothing_of_a_proposal_before_the_pledge(staff, client):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_, title="社区空巢老人爱心助餐")
    screened(proposal, staff)
    expert = ExpertProfileFactory().user
    assignment = services.assign_expert(staff, proposal, expert)
    document = ProposalDocument(proposal=proposal, label="项目方案")
    document.attach(SimpleUploadedFile("方案.pdf", b"%PDF-1.7 plan"), staff)
    document.save()
    client.force_login(expert)
    for url in (
        reverse("venture:expert_declaration", args=[proposal.pk, "proposal"]),
        reverse("venture:expert_proposal", args=[proposal.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/pledge/" in response["Location"]
    services.declare_conflict(expert, assignment, False)
    assert client.get(reverse("venture:document", args=[document.pk])).status_code == 404
    pledge_page = client.get(response["Location"])
    text = pledge_page.content.decode()
    assert "承诺书" in text and proposal.title not in text
    accept = response["Location"].split("?")[0] + "accept/"
    back = reverse("venture:expert_proposal", args=[proposal.pk])
    assert client.post(accept, {"next": back})["Location"] == back
    assert Pledge.objects.get(expert=expert).label == str(round_)
    assert proposal.title in client.get(back).content.decode()
    assert client.get(reverse("venture:document", args=[document.pk])).status_code == 200
    # One pledge per panel: the expert's next proposal of the round opens at once.
    other = ProposalFactory(round=round_)
    screened(other, staff)
    services.assign_expert(staff, other, expert)
    response = client.get(reverse("venture:expert_declaration", args=[other.pk, "proposal"]))
    assert response.status_code == 200


def test_an_expert_chosen_for_an_evaluation_accepts_the_pledge_first(staff, client):
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    expert = ExpertProfileFactory().user
    evaluation = orgs_services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), [expert], timezone.localdate()
    )
    client.force_login(expert)
    url = reverse("orgs:expert_assignment", args=[evaluation.assignments.get().pk])
    response = client.get(url)
    assert response.status_code == 302 and "/pledge/" in response["Location"]
    orgs_services.accept_panel_pledge(expert, evaluation)
    assert incubation.organization.name in client.get(url).content.decode()


def test_only_a_panel_has_a_pledge_page(staff, client):
    expert = ExpertProfileFactory().user
    client.force_login(expert)
    user_type = ContentType.objects.get_for_model(expert)
    assert client.get(reverse("orgs:panel_pledge", args=[user_type.pk, expert.pk])).status_code == 404
    client.force_login(staff)
    round_ = RoundFactory()
    round_type = ContentType.objects.get_for_model(round_)
    assert client.get(reverse("orgs:panel_pledge", args=[round_type.pk, round_.pk])).status_code == 404
