"""A round's figures and a proposal's score and rank: one computation each, the same on every page.

The round list once multiplied its sums by a join (one row per proposal × award), the ranks were numbered 1..n
whatever the ties, and the review page and the ranking disagreed on the scores."""

from decimal import Decimal

import pytest
from django.urls import reverse

from incubator.scoring import PanelResult
from tests.factories import ExpertProfileFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import score_all, screened
from venture import selectors, services
from venture.models import Round, TieBreak
from venture.selectors.standings import rank_by_rule

pytestmark = pytest.mark.django_db
D = Decimal


def _panel(result, mean=None):
    mean = D(mean if mean is not None else result)
    return PanelResult(5, mean, D(result), True, D(0), False)


def test_equal_scores_share_the_rank_and_the_next_rank_skips():
    scored = {
        1: (D("80.00"), _panel(80)),
        2: (D("75.00"), _panel(75)),
        3: (D("75.00"), _panel(75)),
        4: (D(70), _panel(70)),
    }
    ranks = {pid: s.rank for pid, s in rank_by_rule(TieBreak.SHARED, scored, {}).items()}
    assert ranks == {1: 1, 2: 2, 3: 2, 4: 4}


def test_the_declared_tie_break_orders_equal_scores_then_shares_what_is_still_equal():
    # 2 and 3 are equal on the score; 3 has the higher plain mean. 4 and 5 are equal on everything but one
    # expert put 5 above 4. 6 and 7 are equal on everything: they share the rank.
    scored = {
        2: (D(75), _panel(75, "74.00")),
        3: (D(75), _panel(75, "76.00")),
        4: (D(70), _panel(70)),
        5: (D(70), _panel(70)),
        6: (D(60), _panel(60)),
        7: (D(60), _panel(60)),
    }
    totals = {4: {"a": D(70), "b": D(70)}, 5: {"a": D(71), "b": D(70)}, 6: {"a": D(60)}, 7: {"a": D(60)}}
    ranks = {pid: s.rank for pid, s in rank_by_rule(TieBreak.PANEL, scored, totals).items()}
    assert ranks == {3: 1, 2: 2, 5: 3, 4: 4, 6: 5, 7: 5}


@pytest.fixture
def reviewed_round():
    """Four proposals scored by three experts: two of them alike by every expert (they tie)."""
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=3)
    experts = [ExpertProfileFactory().user for _ in range(3)]
    proposals = [ProposalFactory(round=round_) for _ in range(4)]
    for proposal, fraction in zip(proposals, ["0.9", "0.8", "0.8", "0.6"], strict=True):
        screened(proposal, staff)
        for expert in experts:
            score_all(services.assign_expert(staff, proposal, expert), D(fraction))
    return staff, round_, proposals


def test_closing_the_review_stores_competition_ranks_and_every_page_prints_them(client, reviewed_round):
    staff, round_, proposals = reviewed_round
    services.close_review(staff, round_)
    stored = {p.pk: (p.rank, p.score) for p in round_.proposals.all()}
    assert sorted(rank for rank, _s in stored.values()) == [1, 2, 2, 4]
    live = selectors.standings(round_, list(stored))
    assert {pk: (s.rank, s.score) for pk, s in live.items()} == stored
    client.force_login(staff)
    review = client.get(reverse("venture:staff_review", args=[round_.pk]))
    assert {r["pk"]: (r["standing"].rank, r["standing"].score) for r in review.context["page"]} == stored
    ranking = client.get(reverse("venture:staff_ranking", args=[round_.pk]))
    assert {r["proposal"].pk: (r["proposal"].rank, r["proposal"].score) for r in ranking.context["rows"]} == stored
    assert str(round_.ranking_rule) in ranking.content.decode()
    sheets = client.get(reverse("venture:staff_sheets", args=[round_.pk]))
    assert sorted((row["rank"], row["score"]) for row in sheets.context["summary"]) == sorted(stored.values())


def test_the_round_list_counts_each_proposal_and_award_once(client, reviewed_round):
    staff, round_, proposals = reviewed_round
    services.close_review(staff, round_)
    first = round_.proposals.get(rank=1)
    services.award(staff, first, first.requested_amount)
    client.force_login(staff)
    listed = client.get(reverse("venture:staff_rounds")).context["rounds"]
    row = next(r for r in listed if r.pk == round_.pk)
    money = selectors.money_summary(round_)
    assert (
        (row.proposal_count, row.committed) == (4, first.requested_amount) == (money["proposals"], money["committed"])
    )
    assert row.requested == sum(p.requested_amount for p in round_.proposals.all()) == money["requested"]
    assert row.uncommitted == round_.fund_pool - first.requested_amount == money["uncommitted"]


def test_the_round_list_reads_its_figures_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    staff = StaffFactory()
    client.force_login(staff)
    for _ in range(2):
        round_ = RoundFactory()
        for _p in range(3):
            ProposalFactory(round=round_, state="submitted")
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("venture:staff_rounds"))
    for _ in range(4):
        RoundFactory()
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("venture:staff_rounds"))
    assert Round.objects.count() == 6
