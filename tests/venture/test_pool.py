"""A round's review panel drawn from the expert pool: the draw spreads the panel over the proposals, a drawn
expert sees nothing of a proposal before accepting the pledge, and a reserve takes over a decline."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgs import services as orgs_services
from orgs.models import Expertise, Seat
from tests.factories import ExpertProfileFactory, OrganizationFactory
from tests.venture.factories import ProposalFactory
from tests.venture.helpers import score_all, screened
from venture import services
from venture.models import Assignment, ProposalDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_round(round_, staff):
    proposals = [ProposalFactory(round=round_, organization=OrganizationFactory()) for _ in range(4)]
    for proposal in proposals:
        screened(proposal, staff)
    for _ in range(10):
        ExpertProfileFactory(fields=[Expertise.ELDERLY_CARE])
    tied = ExpertProfileFactory(fields=[Expertise.ELDERLY_CARE])
    tied.tied_organizations.add(proposals[0].organization)
    return round_, proposals, tied


def test_the_drawn_panel_reviews_the_round_and_never_a_tied_expert(reviewed_round, staff):
    round_, proposals, tied = reviewed_round
    draw = services.draw_for_round(
        staff, round_, round_.experts_per_proposal + 1, 2, [Expertise.ELDERLY_CARE], "监督员 王某"
    )
    panel = {s.expert_id for s in draw.seats.filter(status=Seat.Status.PANEL)}
    assert tied.user_id not in draw.candidate_ids
    assert set(draw.scope.values_list("pk", flat=True)) == {p.organization_id for p in proposals}
    assignments = Assignment.objects.filter(proposal__round=round_)
    assert {a.expert_id for a in assignments} <= panel
    for proposal in proposals:
        assert assignments.filter(proposal=proposal).count() == round_.experts_per_proposal
    again = orgs_services.draw_panel(
        staff, "repeat", list(draw.scope.all()), draw.panel_size, 2, draw.fields, seed=draw.seed
    )
    assert [s.expert_id for s in again.seats.order_by("position")] == orgs_services.repeat(draw)


def test_an_expert_sees_nothing_of_a_proposal_before_the_pledge(reviewed_round, staff, client):
    round_, proposals, _tied = reviewed_round
    draw = services.draw_for_round(staff, round_, round_.experts_per_proposal, 1)
    assignment = Assignment.objects.filter(proposal__round=round_).select_related("proposal", "expert").first()
    proposal, expert = assignment.proposal, assignment.expert
    document = ProposalDocument(proposal=proposal, label="项目方案")
    document.attach(SimpleUploadedFile("方案.pdf", b"%PDF-1.7 the secret plan"), staff)
    document.save()
    client.force_login(expert)
    seat = draw.seats.get(expert=expert)
    pledge_url = reverse("orgs:pledge", args=[seat.pk])
    for url in (
        reverse("venture:expert_proposal", args=[proposal.pk]),
        reverse("venture:expert_evaluation", args=[proposal.pk, "proposal"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and pledge_url in response["Location"]
    # Declared beforehand or not, the document stays closed.
    services.declare_conflict(expert, assignment, False)
    assert client.get(reverse("venture:document", args=[document.pk])).status_code == 404
    assert proposal.title not in client.get(pledge_url).content.decode()
    client.post(reverse("orgs:pledge_accept", args=[seat.pk]))
    page = client.get(reverse("venture:expert_proposal", args=[proposal.pk]))
    assert page.status_code == 200 and proposal.title in page.content.decode()
    assert client.get(reverse("venture:document", args=[document.pk])).status_code == 200


def test_a_reserve_takes_over_the_unreviewed_proposals_of_an_expert_who_declines(reviewed_round, staff):
    round_, _proposals, _tied = reviewed_round
    draw = services.draw_for_round(staff, round_, round_.experts_per_proposal, 2, seed="2014")
    leaving = draw.seats.get(position=1)
    had = set(Assignment.objects.filter(expert=leaving.expert).values_list("proposal_id", flat=True))
    reserve = orgs_services.leave_panel(leaving.expert, leaving, "临时出差")
    assert reserve.position == round_.experts_per_proposal + 1
    took = set(Assignment.objects.filter(expert=reserve.expert).values_list("proposal_id", flat=True))
    assert took == had
    assert not Assignment.objects.filter(expert=leaving.expert).exclude(conflict=Assignment.Conflict.CONFLICT).exists()
    assert list(draw.events.values_list("kind", flat=True)) == ["drawn", "declined", "promoted"]


def test_staff_draw_from_the_round_page(reviewed_round, staff, client):
    round_, _proposals, _tied = reviewed_round
    client.force_login(staff)
    url = reverse("venture:staff_draw", args=[round_.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"panel_size": 1, "reserve_count": 1, "witnesses": "监督员 赵某"})
    assert bad.status_code == 200 and "监督员 赵某" in bad.content.decode()
    assert not Assignment.objects.filter(proposal__round=round_).exists()
    response = client.post(
        url, {"panel_size": round_.experts_per_proposal, "reserve_count": 1, "witnesses": "监督员 赵某"}
    )
    assert response.status_code == 302 and "/staff/draws/" in response["Location"]
    assert Assignment.objects.filter(proposal__round=round_).count() == 4 * round_.experts_per_proposal


def test_score_sheets_of_the_drawn_panel(reviewed_round, staff, client, django_assert_max_num_queries):
    round_, proposals, _tied = reviewed_round
    draw = services.draw_for_round(staff, round_, round_.experts_per_proposal, 0)
    for seat in draw.seats.all():
        orgs_services.accept_pledge(seat.expert, seat)
    for assignment in Assignment.objects.filter(proposal__round=round_).select_related("proposal__round", "expert"):
        score_all(assignment, Decimal("0.8"))
    client.force_login(staff)
    with django_assert_max_num_queries(12) as queries:
        page = client.get(reverse("venture:staff_sheets", args=[round_.pk])).content.decode()
    print(f"venture score sheets: {len(queries.captured_queries)} queries for {len(proposals)} proposals")
    assert page.count("print-sheet mb-5") == round_.experts_per_proposal
    for proposal in proposals:
        assert proposal.code in page
    assert "signature-line" in page
    draw_page = client.get(reverse("orgs:draw", args=[draw.pk])).content.decode()
    assert reverse("venture:staff_sheets", args=[round_.pk]) in draw_page
