"""The expert's scoring page reads the review's scores with their criteria in one query: a submitted review
of a six-criterion rubric costs no more queries than one of two criteria."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ExpertProfileFactory, RubricFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import pledged, score_all, screened
from venture import services

pytestmark = pytest.mark.django_db


def _queries_of_a_submitted_review(client, criteria):
    staff, expert = StaffFactory(), ExpertProfileFactory().user
    round_ = RoundFactory(rubric=RubricFactory(criteria=criteria))
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, expert), Decimal("0.8"), comment="好")
    pledged(round_, expert)
    client.force_login(expert)
    url = f"/venture/review/{proposal.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert "已提交并锁定" in page or "Submitted and locked" in page
    return len(captured)


def test_the_scoring_page_does_not_query_per_criterion(client):
    two = _queries_of_a_submitted_review(client, [("需求分析", 50), ("项目设计", 50)])
    six = _queries_of_a_submitted_review(
        client, [("需求", 20), ("设计", 25), ("执行", 20), ("预算", 15), ("创新", 10), ("持续", 10)]
    )
    assert six == two
