"""Fuzzed input on the proposal form and the scoring form: never a 500, nothing invalid stored, the typed
values kept on the page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import screened
from tests.venture.test_applicant import form_data
from venture import services
from venture.models import BudgetLine, Proposal, Score

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
numberish = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**9), 10**13).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "1e400", "NaN", "-0", "٣"]),
)


@pytest.mark.django_db
@FUZZ
@given(price=numberish, quantity=numberish, cofunded=numberish, title=st.text(min_size=1, max_size=40))
def test_the_proposal_form_never_fails_and_stores_nothing_invalid(client, price, quantity, cofunded, title):
    round_ = RoundFactory()
    applicant = applicant_of(OrganizationFactory())
    client.force_login(applicant)
    data = form_data(
        **{"budget-0-unit_price": price, "budget-0-quantity": quantity, "budget-0-cofunded": cofunded, "title": title}
    )
    response = client.post(reverse("venture:apply", args=[round_.code]), data)
    assert response.status_code in (200, 302)
    for line in BudgetLine.objects.all():
        assert line.unit_price > 0 and line.quantity > 0 and 0 <= line.cofunded <= line.amount
    if response.status_code == 200:
        assert not Proposal.objects.filter(round=round_).exists()


@pytest.mark.django_db
@FUZZ
@given(values=st.lists(numberish, min_size=6, max_size=6), comment=st.text(max_size=50))
def test_the_scoring_form_never_fails_and_keeps_scores_in_range(client, values, comment):
    staff = StaffFactory()
    proposal = ProposalFactory(round=RoundFactory())
    expert = ExpertProfileFactory().user
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    services.declare_conflict(expert, assignment, False)
    criteria = list(proposal.round.rubric.criteria.all())
    client.force_login(expert)
    data = {f"score_{c.pk}": v for c, v in zip(criteria, values, strict=True)} | {
        "overall_comment": comment,
        "submit": "1",
    }
    response = client.post(reverse("venture:expert_proposal", args=[proposal.pk]), data)
    assert response.status_code in (200, 302)
    for score in Score.objects.select_related("criterion"):
        assert score.value is None or Decimal(0) <= score.value <= score.criterion.max_score


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["sNaN", "NaN", "Infinity", "-inf"])
def test_not_a_number_is_refused_as_invalid_input(client, value):
    round_ = RoundFactory()
    client.force_login(applicant_of(OrganizationFactory()))
    response = client.post(reverse("venture:apply", args=[round_.code]), form_data(**{"budget-0-cofunded": value}))
    assert response.status_code == 200 and not Proposal.objects.exists()
