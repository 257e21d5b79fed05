"""The expert's list puts what still needs doing first; submitted reviews fold away below it, marked 已提交."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ExpertProfileFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import pledged, score_all, screened
from venture import services

pytestmark = pytest.mark.django_db


def test_pending_reviews_come_first_and_submitted_ones_fold_away(client):
    staff, expert = StaffFactory(), ExpertProfileFactory().user
    round_ = RoundFactory()
    finished = [ProposalFactory(round=round_, title=f"已评项目{i}") for i in range(3)]
    waiting = ProposalFactory(round=round_, title="待评项目")
    for proposal in [*finished, waiting]:
        screened(proposal, staff)
    assignments = [services.assign_expert(staff, proposal, expert) for proposal in finished]
    services.assign_expert(staff, waiting, expert)
    pledged(round_, expert)
    for assignment in assignments:
        score_all(assignment, Decimal("0.8"))

    client.force_login(expert)
    page = client.get(reverse("venture:expert_portal")).content.decode()
    pending, done = page.split('data-testid="pending"')[1].split('data-testid="done"')
    assert "待评项目" in pending and "已评项目" not in pending
    assert all(f"已评项目{i}" in done for i in range(3)) and "已提交的评审（3）" in done
    assert "已提交" in done and "提交日期" not in page
    assert "已提交 3 / 4" in page or "3 / 4" in page
