"""The panel figures read only each review's total: two queries and no criterion scores, however many
reviews; the score sheet alone loads the scores."""

import pytest

from tests.factories import StaffFactory
from tests.venture.test_allocation import _reviewed_round
from venture.aggregation import aggregate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("proposals", [2, 6])
def test_the_figures_take_two_queries_and_no_scores(proposals, django_assert_num_queries):
    round_, _proposals, experts = _reviewed_round(StaffFactory(), [[0.9, 0.8, 0.7]] * proposals)
    with django_assert_num_queries(2) as captured:
        result = aggregate(round_)
    assert not any("venture_score" in q["sql"] for q in captured.captured_queries)
    assert len(result.panels) == proposals and set(result.experts) == {e.pk for e in experts}
    assert result.experts[experts[0].pk] == experts[0]


def test_the_score_sheet_still_gets_every_criterion_score():
    round_, _proposals, _experts = _reviewed_round(StaffFactory(), [[0.9, 0.8]])
    result = aggregate(round_, with_scores=True)
    assert len(result.reviews) == 2
    assert all(len(review.scores.all()) == round_.rubric.criteria.count() for review in result.reviews)
