"""Journey 3: park staff take a venture round from screening to the first tranche: screen, assign experts in
balance, close the review, fund within the pool, publish the announcement (公示), record and handle an
objection, make the awards final, sign and pay the first tranche."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tests.e2e.conftest import sign_in
from tests.factories import ExpertProfileFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.helpers import announcing_round_dates, move_dates, past_round_dates, score_all
from venture.models import Assignment, Objection, ProposalState, Tranche

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
S = ProposalState


def test_staff_take_a_round_from_screening_to_the_first_tranche(page):
    StaffFactory(username="staff-zhao")
    experts = [ExpertProfileFactory().user for _ in range(4)]
    round_ = move_dates(
        RoundFactory(title="第十届公益创投大赛", fund_pool=Decimal("60000")),
        opens_on=-30,
        submission_deadline=-10,
        review_starts_on=-5,
        review_deadline=9,
        announcement_starts_on=10,
        announcement_ends_on=16,
        signing_by=30,
    )
    proposals = [
        set_state(ProposalFactory(round=round_, title=title), S.SUBMITTED)
        for title in ("助餐暖心行动", "草原书屋", "巧手工坊")
    ]
    base = f"/venture/staff/round/{round_.pk}"
    sign_in(page, "staff-zhao")

    # Screening: each proposal checked against the four points and passed.
    page.goto(f"{base}/screening/")
    for proposal in proposals:
        page.click(f"a[href='/venture/staff/proposal/{proposal.pk}/screen/']")
        for name in ("eligible", "complete", "documents", "budget"):
            page.check(f"[name={name}]")
        page.check("[name=outcome][value=passed]")
        with page.expect_navigation():
            page.click("#content form[method=post] button[type=submit]")
        page.wait_for_url(f"**{base}/screening/")
    assert {p.state for p in round_.proposals.all()} == {S.SCREENED}

    # Balanced assignment: three experts each, the load spread over the four.
    page.goto(f"{base}/assignment/")
    with page.expect_navigation():
        page.click("#content form.mb-3 button[type=submit]")
    page.wait_for_url(f"**{base}/assignment/")
    loads = [Assignment.objects.filter(expert=e).count() for e in experts]
    assert sum(loads) == 9 and max(loads) - min(loads) <= 1

    # The experts score (their own journey is another test).
    for assignment, fraction in zip(
        Assignment.objects.order_by("proposal__number", "id"),
        [Decimal("0.9")] * 3 + [Decimal("0.8")] * 3 + [Decimal("0.7")] * 3,
        strict=True,
    ):
        score_all(assignment, fraction)

    # Close the review: ranked by the panel.
    page.goto(f"{base}/review/")
    with page.expect_navigation():
        page.click("#content form[method=post] button[type=submit]")
    page.wait_for_url(f"**{base}/review/")
    first, second, third = sorted(round_.proposals.all(), key=lambda p: p.rank)
    assert (first.title, first.rank, third.rank) == ("助餐暖心行动", 1, 3)

    # Fund within the pool of ¥60,000: two full grants fit, the third does not.
    page.goto(f"{base}/ranking/")
    for proposal in (first, second):
        with page.expect_navigation():
            page.click(f"form[action='/venture/staff/proposal/{proposal.pk}/award/'] button[type=submit] >> nth=0")
        page.wait_for_url(f"**{base}/ranking/")
    with page.expect_navigation():
        page.click(f"form[action='/venture/staff/proposal/{third.pk}/award/'] button[type=submit] >> nth=0")
    # Refused: the ranking comes back (at the form's address) saying why, with the amount as typed.
    page.wait_for_url(f"**/venture/staff/proposal/{third.pk}/award/")
    assert page.locator(".alert-danger, .alert-warning").first.is_visible()
    typed = page.locator(f"form[action='/venture/staff/proposal/{third.pk}/award/'] [name=amount]").first
    assert typed.input_value() == str(third.requested_amount)
    third.refresh_from_db()
    assert third.state == S.RANKED and not hasattr(third, "award")
    passing = f"form[action='/venture/staff/proposal/{third.pk}/pass-over/']"
    page.fill(f"{passing} [name=reason]", "资金池已用完")
    with page.expect_navigation():
        page.click(f"{passing} button[type=submit]")
    page.wait_for_url(f"**{base}/ranking/")
    assert round_.proposals.get(pk=third.pk).passed_over_reason == "资金池已用完"

    # The announcement period begins: publish.
    announcing_round_dates(round_)
    page.goto(f"{base}/ranking/")
    page.check(f"form[action='{base}/publish/'] [name=confirm]")  # publishing asks for confirmation
    with page.expect_navigation():
        page.click(f"form[action='{base}/publish/'] button[type=submit]")
    page.wait_for_url(f"**{base}/objections/")
    assert round_.proposals.get(pk=first.pk).state == S.ANNOUNCED

    # Someone objects on the public announcement page; staff record how it was handled.
    page.goto(f"/venture/round/{round_.code}/announcement/")
    page.select_option("[name=proposal]", str(second.pk))
    page.fill("[name=name]", "居民甲")
    page.fill("[name=contact]", "13900000000")
    page.fill("[name=text]", "该机构去年项目未按期结项")
    with page.expect_navigation():
        page.click("#content form[method=post] button[type=submit]")
    objection = Objection.objects.get()
    page.goto(f"{base}/objections/")
    page.check("[name=outcome][value=dismissed]")
    page.fill("[name=handling]", "经核实已按期结项，异议不成立")
    with page.expect_navigation():
        page.click(f"form[action='/venture/staff/objection/{objection.pk}/handle/'] button[type=submit]")
    page.wait_for_url(f"**{base}/objections/")
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.DISMISSED

    # The announcement is over: the awards become final and the agreements open.
    past_round_dates(round_)
    page.goto(f"{base}/objections/")
    with page.expect_navigation():
        page.click(f"form[action='{base}/finalize/'] button[type=submit]")
    page.wait_for_url(f"**{base}/objections/")
    assert round_.proposals.get(pk=first.pk).state == S.AWARDED

    # Sign the first agreement; its first tranche (50%) is released and paid.
    agreement = round_.proposals.get(pk=first.pk).award.agreement
    today = timezone.localdate().isoformat()
    page.goto(f"{base}/agreements/")
    page.fill(f"form[action='/venture/staff/agreement/{agreement.pk}/sign/'] [name=signed_on]", today)
    with page.expect_navigation():
        page.click(f"form[action='/venture/staff/agreement/{agreement.pk}/sign/'] button[type=submit]")
    page.wait_for_url(f"**{base}/agreements/")
    tranche = agreement.tranches.order_by("order").first()
    assert tranche.state == Tranche.State.RELEASED and tranche.amount == Decimal("15000.00")
    page.fill(f"form[action='/venture/staff/tranche/{tranche.pk}/pay/'] [name=paid_on]", today)
    with page.expect_navigation():
        page.click(f"form[action='/venture/staff/tranche/{tranche.pk}/pay/'] button[type=submit]")
    page.wait_for_url(f"**{base}/agreements/")
    tranche.refresh_from_db()
    assert tranche.state == Tranche.State.PAID and tranche.paid_amount == Decimal("15000.00")
    assert round_.proposals.get(pk=first.pk).state == S.IN_PROGRESS
