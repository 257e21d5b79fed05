"""Aggregation, ranking and allocation: figures from incubator.scoring, funding in rank order within the
pool, partial funding with a reason, and no over-allocation even when two staff members award at once."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from incubator import scoring
from tests.factories import ExpertProfileFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import score_all, screened
from venture import selectors, services
from venture.aggregation import aggregate
from venture.models import Award, ProposalState

S = ProposalState


def _reviewed_round(staff, fractions_per_proposal, **round_fields):
    """A round whose proposals were scored by a panel: fractions_per_proposal[i][j] is expert j's score
    (as a fraction of each criterion's maximum) of proposal i."""
    panel = max(len(f) for f in fractions_per_proposal)
    round_ = RoundFactory(experts_per_proposal=panel, **round_fields)
    experts = [ExpertProfileFactory().user for _ in range(panel)]
    proposals = [ProposalFactory(round=round_) for _ in fractions_per_proposal]
    for proposal, fractions in zip(proposals, fractions_per_proposal, strict=True):
        screened(proposal, staff)
        for expert, fraction in zip(experts, fractions, strict=False):
            score_all(services.assign_expert(staff, proposal, expert), Decimal(str(fraction)))
    return round_, proposals, experts


@pytest.mark.django_db
def test_aggregation_uses_the_park_panel_arithmetic_and_explains_it(client):
    staff = StaffFactory()
    round_, proposals, experts = _reviewed_round(staff, [[0.9, 0.8, 0.7, 0.6, 0.3], [0.7, 0.7, 0.7, 0.7, 0.7]])
    result = aggregate(round_)
    first = result.panels[proposals[0].pk]
    assert first == scoring.panel_result([90, 80, 70, 60, 30])
    assert first.trimmed and first.trimmed_mean == Decimal("70.00") and first.mean == Decimal("66.00")
    assert first.disagreement and first.spread == Decimal("60.00")
    # expert 0 scored 90 and 70 against panel means 66 and 70: +12 on average
    assert result.leniency[experts[0].pk] == Decimal("12.00")
    assert set(result.z_rank) == {p.pk for p in proposals}
    client.force_login(staff)
    page = client.get(reverse("venture:staff_review", args=[round_.pk])).content.decode()
    assert 'data-testid="explain"' in page and "去掉一个最高分和一个最低分" in page
    assert "70.00" in page and "66.00" in page and "table-warning" in page


@pytest.mark.django_db
def test_closing_the_review_ranks_by_the_panel_result():
    staff = StaffFactory()
    round_, proposals, _experts = _reviewed_round(staff, [[0.6, 0.6, 0.6], [0.9, 0.8, 0.85], [0.7, 0.7, 0.75]])
    services.close_review(staff, round_)
    ranks = {p.pk: p.rank for p in selectors.ranking(round_)}
    assert [ranks[p.pk] for p in proposals] == [3, 1, 2]
    with pytest.raises(ValidationError):
        services.close_review(staff, round_)


@pytest.mark.django_db
def test_closing_needs_a_review_of_every_proposal():
    staff = StaffFactory()
    round_, _proposals, _experts = _reviewed_round(staff, [[0.6]])
    extra = ProposalFactory(round=round_)
    screened(extra, staff)
    services.assign_expert(staff, extra, ExpertProfileFactory().user)
    with pytest.raises(ValidationError, match=extra.code):
        services.close_review(staff, round_)


@pytest.mark.django_db
def test_funding_in_rank_order_partial_with_reason_and_within_the_pool(client):
    staff = StaffFactory()
    round_, proposals, _experts = _reviewed_round(
        staff, [[0.9], [0.8], [0.7]], fund_pool=Decimal("70000"), max_grant=Decimal("30000")
    )
    services.close_review(staff, round_)
    first, second, third = (p for p in selectors.ranking(round_))
    with pytest.raises(ValidationError, match=first.code):
        services.award(staff, second, "30000")  # rank order
    with pytest.raises(ValidationError):
        services.award(staff, first, "20000")  # partial without a reason
    services.award(staff, first, "30000")
    services.pass_over(staff, second, "与已资助项目重复")
    with pytest.raises(ValidationError):
        services.award(staff, third, "-1")
    services.award(staff, third, "25000", "活动规模缩减")
    client.force_login(staff)
    response = client.post(reverse("venture:award", args=[second.pk]), {"amount": "30000"}, follow=True)
    assert "15000.00" in response.content.decode()  # only ¥15,000 remains
    assert selectors.committed_total(round_) == Decimal("55000")
    services.award(staff, second, "10000", "资金池余额")
    assert selectors.committed_total(round_) == Decimal("65000")
    page = client.get(reverse("venture:staff_ranking", args=[round_.pk])).content.decode()
    assert "65000" in page and "活动规模缩减" in page


@pytest.mark.django_db(transaction=True)
def test_two_staff_members_awarding_at_the_same_moment_never_exceed_the_pool(role_groups):
    staff = StaffFactory()
    other = StaffFactory()
    round_, _proposals, _experts = _reviewed_round(
        staff, [[0.9], [0.8]], fund_pool=Decimal("50000"), max_grant=Decimal("30000")
    )
    services.close_review(staff, round_)
    first, second = selectors.ranking(round_)
    services.pass_over(staff, first, "为并发测试让出顺序")  # both may be funded in any order
    barrier = threading.Barrier(2)
    outcomes = []

    def award(user, proposal):
        try:
            barrier.wait()
            services.award(user, proposal, "30000")
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=award, args=(staff, first)),
        threading.Thread(target=award, args=(other, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Award.objects.filter(round=round_).count() == 1
    assert selectors.committed_total(round_) <= round_.fund_pool


@pytest.mark.django_db
def test_only_staff_reach_the_staff_pages_and_exports(client):
    staff = StaffFactory()
    round_, proposals, experts = _reviewed_round(staff, [[0.9]])
    outsiders = [experts[0], None]
    outsiders.append(applicant_of(proposals[0].organization))
    names = [
        "staff_round",
        "staff_screening",
        "staff_assignment",
        "staff_review",
        "staff_ranking",
        "staff_objections",
        "staff_agreements",
        "staff_projects",
    ]
    for user in outsiders:
        client.logout()
        if user:
            client.force_login(user)
        for name in names:
            status = client.get(reverse(f"venture:{name}", args=[round_.pk])).status_code
            assert status == (302 if user is None else 403)
        for what in ("proposals", "scores", "ranking"):
            status = client.post(reverse("venture:export_round", args=[round_.pk, what])).status_code
            assert status == (302 if user is None else 403)
        status = client.post(reverse("venture:award", args=[proposals[0].pk]), {"amount": "1"}).status_code
        assert status == (302 if user is None else 403)
    assert not Award.objects.exists()
    client.force_login(staff)
    for name in names:
        assert client.get(reverse(f"venture:{name}", args=[round_.pk])).status_code == 200
