"""The expert's list and the staff ranking page run the same number of queries for 10 and 1,000 proposals."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory
from tests.venture.factories import RoundFactory
from venture.models import Assignment, Award, Proposal, ProposalState, Review

pytestmark = pytest.mark.django_db


def _bulk_proposals(round_, n, start, **fields):
    organization = OrganizationFactory()
    return Proposal.objects.bulk_create(
        Proposal(
            round=round_,
            organization=organization,
            number=start + i,
            title=f"项目{start + i}",
            area="livelihood",
            requested_amount=Decimal("30000"),
            **fields,
        )
        for i in range(n)
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_expert_list_runs_a_constant_number_of_queries(client):
    round_ = RoundFactory()
    expert = ExpertProfileFactory().user
    staff = StaffFactory()
    client.force_login(expert)
    counts = {}
    total = 0
    for n in (10, 990):
        proposals = _bulk_proposals(round_, n, total + 1, state=ProposalState.IN_REVIEW)
        total += n
        assignments = Assignment.objects.bulk_create(
            Assignment(
                proposal=p,
                expert=expert,
                due_on=round_.review_deadline,
                assigned_by=staff,
                conflict=Assignment.Conflict.NONE,
            )
            for p in proposals
        )
        Review.objects.bulk_create(
            Review(assignment=a, state="submitted", total=Decimal("80")) for a in assignments[::2]
        )
        counts[total], response = _count(client, reverse("venture:expert_portal"))
        assert len(response.context["pending"]) + len(response.context["done"]) == total
    assert counts[10] == counts[1000], counts
    assert counts[1000] <= 12
    print("expert list queries:", counts)


def test_the_staff_ranking_page_runs_a_constant_number_of_queries(client):
    round_ = RoundFactory(fund_pool=Decimal("100000000"))
    staff = StaffFactory()
    client.force_login(staff)
    counts = {}
    total = 0
    for n in (10, 990):
        proposals = _bulk_proposals(round_, n, total + 1, state=ProposalState.RANKED, score=Decimal("70"))
        for i, proposal in enumerate(proposals):
            proposal.rank = total + i + 1
        Proposal.objects.bulk_update(proposals, ["rank"])
        Award.objects.bulk_create(
            Award(proposal=p, round=round_, amount=Decimal("20000"), decided_by=staff) for p in proposals[::3]
        )
        total += n
        counts[total], response = _count(client, reverse("venture:staff_ranking", args=[round_.pk]))
        assert len(response.context["rows"]) == total
    assert counts[10] == counts[1000], counts
    assert counts[1000] <= 12
    print("ranking queries:", counts)


def test_the_staff_assignment_and_review_pages_run_a_constant_number_of_queries(client):
    round_ = RoundFactory()
    staff = StaffFactory()
    experts = [ExpertProfileFactory().user for _ in range(3)]
    client.force_login(staff)
    counts = {}
    total = 0
    for n in (10, 190):
        proposals = _bulk_proposals(round_, n, total + 1, state=ProposalState.IN_REVIEW)
        total += n
        assignments = Assignment.objects.bulk_create(
            Assignment(proposal=p, expert=e, due_on=round_.review_deadline, assigned_by=staff, conflict="none")
            for p in proposals
            for e in experts
        )
        Review.objects.bulk_create(
            Review(assignment=a, state="submitted", total=Decimal(60 + a.pk % 30)) for a in assignments
        )
        for name in ("staff_assignment", "staff_review"):
            counts[(name, total)], _response = _count(client, reverse(f"venture:{name}", args=[round_.pk]))
    assert counts[("staff_assignment", 10)] == counts[("staff_assignment", 200)], counts
    assert counts[("staff_review", 10)] == counts[("staff_review", 200)], counts
    print("assignment and review queries:", counts)


def test_the_aggregated_review_pages_through_every_proposal_best_result_first(client, django_assert_max_num_queries):
    round_ = RoundFactory()
    staff = StaffFactory()
    experts = [ExpertProfileFactory().user for _ in range(3)]
    client.force_login(staff)
    proposals = _bulk_proposals(round_, 60, 1, state=ProposalState.IN_REVIEW)
    assignments = Assignment.objects.bulk_create(
        Assignment(proposal=p, expert=e, due_on=round_.review_deadline, assigned_by=staff, conflict="none")
        for p in proposals
        for e in experts
    )
    # Proposal n's panel result is 40 + n // 2 (pairs tie: the lower number first); the last two have no review.
    Review.objects.bulk_create(
        Review(assignment=a, state="submitted", total=Decimal(40 + a.proposal.number // 2))
        for a in assignments
        if a.proposal.number <= 58
    )
    url = reverse("venture:staff_review", args=[round_.pk])
    first = client.get(url)
    # Three more than the figures alone: the proposals short of reviews, with who still owes one.
    with django_assert_max_num_queries(13):
        second = client.get(url, {"page": 2})
    rows = list(first.context["page"]) + list(second.context["page"])
    expected = sorted(range(1, 59), key=lambda n: (-(n // 2), n)) + [59, 60]
    assert [row["proposal"].number for row in rows] == expected
    # Standard competition ranks: the experts scored each pair alike, so the pair shares its rank.
    ranks = [1] + [n - n % 2 for n in range(2, 59)]
    assert [row["standing"].rank if row["standing"] else None for row in rows] == [*ranks, None, None]
    assert rows[50]["panel"].result == Decimal(40 + expected[50] // 2)
    page = second.content.decode()
    assert f"{round_.code}-{expected[50]:03d}" in page and "第 2 页，共 2 页" in page
