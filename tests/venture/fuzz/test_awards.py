"""Fuzzed input on the public panel's scores and bonuses, funding and passing over, objections and their handling."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import (
    ExpertProfileFactory,
)
from tests.fuzz_strategies import (
    FUZZ as FUZZ_FORM,
)
from tests.fuzz_strategies import (
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    each_example,
    mostly,
    reference,
    text,
    text_or,
    valid_or,
)
from tests.fuzz_strategies import (
    numbers as hostile_numbers,
)
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, score_all, screened
from venture import services
from venture.models import (
    Award,
    BonusItem,
    Objection,
    Proposal,
    ProposalBonus,
    PublicScore,
    Round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_round(staff):
    round_ = RoundFactory(public_share=30, bonus_cap=Decimal("10"))
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    services.assign_expert(staff, proposal, ExpertProfileFactory().user)
    item = BonusItem.objects.create(round=round_, name="已落实配套资金", points=Decimal("8"))
    return round_, Proposal.objects.get(pk=proposal.pk), item


@FUZZ_FORM
@given(
    form=st.sampled_from(["public", "bonus"]),
    proposal=mostly,
    junk=reference([]),
    score=valid_or("85", hostile_numbers),
    voters=valid_or("40", hostile_numbers),
    note=text_or(WITNESS, 200),
)
@example(form="public", proposal=True, junk="1", score="85", voters="2147483648", note=WITNESS)
def test_public_score_and_bonus_forms(public_round, staff_client, form, proposal, junk, score, voters, note):
    round_, row, item = public_round
    data = {
        form: "1",
        "proposal": str(row.pk) if proposal else junk,
        "item": str(item.pk) if proposal else junk,
        "score": score,
        "voters": voters,
        "note": note,
    }
    with each_example():
        command = {"public": "venture:record_public_score", "bonus": "venture:grant_bonus"}[form]
        response = staff_client.post(reverse(command, args=[round_.pk]), data)
        assert response.status_code in (200, 302)
        assert_valid(PublicScore.objects.all())
        assert_valid(ProposalBonus.objects.all())
        if response.status_code == 200:
            assert not PublicScore.objects.exists() and not ProposalBonus.objects.exists()
            assert_kept(response, **({"score": score, "voters": voters} if form == "public" else {"note": note}))


@pytest.fixture
def ranked(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(2)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    return [Proposal.objects.get(pk=p.pk) for p in proposals]


@FUZZ_FORM
@given(
    action=choice(["pass", "award", "cancel"], junk=["", "\x00"]),
    amount=valid_or("20000", hostile_numbers),
    reason=text_or("压缩宣传费", 300),
)
def test_award_and_reason_forms(ranked, staff_client, action, amount, reason):
    first = ranked[0]
    with each_example():
        data = {"action": action, "amount": amount, "reason": reason}
        command = {"pass": "venture:pass_over", "cancel": "venture:cancel_award"}.get(action, "venture:award")
        response = staff_client.post(reverse(command, args=[first.pk]), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:  # refused: the ranking again, with what was typed on the row
            assert not Award.objects.exists() or action == "pass"
            typed = {"reason": reason} if action == "pass" else {"amount": amount, "reason": reason}
            assert_kept(response, **{k: v for k, v in typed.items() if "\x00" not in v})
        proposal = Proposal.objects.get(pk=first.pk)
        assert_valid([proposal])
        assert_valid(Award.objects.all())
        for award in Award.objects.all():
            assert Decimal("0.01") <= award.amount <= first.requested_amount
        if action == "award" and amount == "20000" and reason == "压缩宣传费":
            assert proposal.award.amount == Decimal("20000")


@pytest.fixture
def announced(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(2)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    services.award(staff, proposals[0], Proposal.objects.get(pk=proposals[0].pk).requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    return round_, proposals


@FUZZ_FORM
@given(
    proposal=mostly,
    junk=reference([]),
    name=text_or("居民甲", 60),
    contact=valid_or("13900000000", st.one_of(hostile_numbers, text(100))),
    objection=text_or("该组织去年项目未完成"),
)
def test_objection_form(announced, proposal, junk, name, contact, objection):
    round_, proposals = announced
    data = {
        "proposal": str(proposals[0].pk) if proposal else junk,
        "name": name,
        "contact": contact,
        "text": objection,
    }
    with each_example():
        response = Client().post(reverse("venture:file_objection", args=[round_.code]), data)
        assert response.status_code in (200, 302)
        objections = list(Objection.objects.all())
        assert_valid(objections)
        for stored in objections:
            assert stored.proposal == proposals[0] and stored.name and stored.text
            digits = stored.contact.replace("-", "").replace(" ", "")
            assert "@" in stored.contact or (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 15)
        if response.status_code == 200:
            assert not objections
            assert_kept(response, name=name, contact=contact, text=objection)


@pytest.fixture
def objection(announced):
    round_, proposals = announced
    return services.file_objection(round_, proposals[0], "居民乙", "a@example.org", "预算不实")


@FUZZ_FORM
@given(outcome=choice(["dismissed", "upheld"], junk=["open", "", "\x00"]), handling=text_or("经核实，维持原结果"))
def test_handle_objection_form(objection, staff_client, outcome, handling):
    with each_example():
        data = {"outcome": outcome, "handling": handling}
        response = staff_client.post(reverse("venture:handle_objection", args=[objection.pk]), data)
        assert response.status_code in (200, 302)
        stored = Objection.objects.get(pk=objection.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.outcome == "open"
            assert_kept(response, handling=handling)
        assert stored.outcome == "open" or (stored.outcome in ("dismissed", "upheld") and stored.handling)
        assert outcome not in ("dismissed", "upheld") or handling != "经核实，维持原结果" or stored.outcome == outcome


@pytest.fixture
def proposed(staff):
    """A round in its announcement window with an award proposed, not yet published."""
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.9"))
    services.close_review(staff, round_)
    services.award(staff, proposal, Proposal.objects.get(pk=proposal.pk).requested_amount)
    return announcing_round_dates(round_)


@FUZZ_FORM
@given(confirm=valid_or("on", st.one_of(st.just(""), text(20))), window=valid_or("", text(20)))
def test_publish_form(proposed, staff_client, confirm, window):
    with each_example():
        data = {"confirm": confirm, "window_from_now": window}
        response = staff_client.post(reverse("venture:publish_announcement", args=[proposed.pk]), data)
        assert response.status_code in (200, 302)
        published = Round.objects.get(pk=proposed.pk).announced_at is not None
        assert published == (response.status_code == 302)
        assert not published or confirm.strip()


@FUZZ_FORM
@given(action=choice(["uphold", "dismiss"]), handling=text_or("经核实，异议成立"))
def test_admin_handling_form(objection, staff_client, action, handling):
    with each_example():
        data = {"action": action, "_selected_action": [objection.pk], "apply": "1", "handling": handling}
        response = staff_client.post(reverse("admin:venture_objection_changelist"), data)
        assert response.status_code in (200, 302)
        stored = Objection.objects.get(pk=objection.pk)
        assert_valid([stored])
        if stored.outcome == "open":
            assert action not in ("uphold", "dismiss") or not handling.strip() or response.status_code == 302
        else:
            assert stored.handling == handling.strip() and stored.handled_by is not None
            upheld = stored.outcome == "upheld"
            assert upheld == (not Award.objects.filter(proposal=stored.proposal).exists())
