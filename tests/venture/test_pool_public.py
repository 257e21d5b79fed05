"""Panels that include the public: the public share and capped bonuses change the ranking, shown in parts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ExpertProfileFactory, OrganizationFactory
from tests.venture.factories import ProposalFactory
from tests.venture.helpers import score_all, screened
from venture import services
from venture.models import Assignment, BonusItem, Proposal, PublicScore

pytestmark = pytest.mark.django_db


def test_public_share_and_capped_bonus_decide_the_rank(round_, staff, client):
    round_.public_share, round_.bonus_cap, round_.experts_per_proposal = 30, Decimal("10"), 2
    round_.save()
    strong, weak = (ProposalFactory(round=round_, organization=OrganizationFactory()) for _ in range(2))
    for proposal in (strong, weak):
        screened(proposal, staff)
    experts = [ExpertProfileFactory().user for _ in range(2)]
    services.balanced_assignment(staff, round_, experts=experts)
    for assignment in Assignment.objects.filter(proposal=strong):
        score_all(assignment, Decimal("0.9"))
    for assignment in Assignment.objects.filter(proposal=weak):
        score_all(assignment, Decimal("0.8"))
    with pytest.raises(ValidationError):  # a public share needs every proposal's public score
        services.close_review(staff, round_)
    services.record_public_score(staff, strong, Decimal("60"), 40)
    services.record_public_score(staff, weak, Decimal("90"), 40)
    cofunding = BonusItem.objects.create(round=round_, name="已落实配套资金", points=Decimal("8"))
    report = BonusItem.objects.create(round=round_, name="受益群体联名推荐", points=Decimal("5"))
    client.force_login(staff)
    url = reverse("venture:staff_public", args=[round_.pk])
    grant = reverse("venture:grant_bonus", args=[round_.pk])
    bad = client.post(grant, {"bonus": "1", "proposal": weak.pk, "item": cofunding.pk, "note": ""})
    assert bad.status_code == 200 and not weak.bonuses.exists()
    client.post(grant, {"bonus": "1", "proposal": weak.pk, "item": cofunding.pk, "note": "配套资金协议"})
    client.post(grant, {"bonus": "1", "proposal": weak.pk, "item": report.pk, "note": "联名推荐信"})
    page = client.get(url).content.decode()
    assert "70%" in page and "30%" in page
    services.close_review(staff, round_)
    strong.refresh_from_db()
    weak.refresh_from_db()
    # strong: 90×0.7 + 60×0.3 = 81; weak: 80×0.7 + 90×0.3 + min(13, 10) = 93
    assert strong.score == Decimal("81.00") and weak.score == Decimal("93.00")
    assert weak.rank == 1 and strong.rank == 2
    assert Proposal.objects.get(pk=weak.pk).bonuses.count() == 2


@pytest.mark.postgresql  # SQLite's integer column holds 64 bits: 2,147,483,648 fits there
def test_a_public_panel_larger_than_the_column_holds_is_refused_on_the_form(round_, staff, client):
    """2,147,483,648 members of the public panel failed the save with a 500."""
    round_.public_share = 30
    round_.save()
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    services.assign_expert(staff, proposal, ExpertProfileFactory().user)
    client.force_login(staff)
    url = reverse("venture:record_public_score", args=[round_.pk])
    response = client.post(url, {"public": "1", "proposal": proposal.pk, "score": "85", "voters": "2147483648"})
    assert response.status_code == 200 and "2147483648" in response.content.decode()
    assert not PublicScore.objects.exists()
    assert client.post(url, {"public": "1", "proposal": proposal.pk, "score": "85", "voters": "40"}).status_code == 302
    assert PublicScore.objects.get().voters == 40
