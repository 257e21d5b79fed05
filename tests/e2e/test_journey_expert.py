"""Journey 2: an expert declares a conflict on one proposal, scores another criterion by criterion, saves a
draft, submits, and finds the review locked."""

import pytest

from tests.e2e.conftest import sign_in
from tests.factories import ExpertFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import move_dates, screened
from venture import services
from venture.models import Assignment, Review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_expert_recuses_from_one_proposal_and_scores_another(page):
    staff, expert = StaffFactory(), ExpertFactory(username="expert-li")
    round_ = move_dates(
        RoundFactory(title="第十届公益创投大赛"),
        opens_on=-30,
        submission_deadline=-10,
        review_starts_on=-5,
        review_deadline=9,
        announcement_starts_on=10,
        announcement_ends_on=16,
        signing_by=30,
    )
    tied = ProposalFactory(round=round_, title="草原书屋")
    scored = ProposalFactory(round=round_, title="助餐暖心行动")
    for proposal in (tied, scored):
        screened(proposal, staff)
        services.assign_expert(staff, proposal, expert)

    sign_in(page, "expert-li")
    page.goto("/venture/review/")
    assert page.locator("[data-testid=assignment]").count() == 2

    # The first proposal: a tie with the applicant, so the expert recuses.
    page.click(f"a[href='/venture/review/{tied.pk}/proposal/']")
    # Put on the panel by hand, the expert first accepts the round's integrity pledge (承诺书), once.
    assert "承诺书" in page.locator("h1").inner_text() and "草原书屋" not in page.content()
    with page.expect_navigation():
        page.click("#content form button.btn-primary")
    page.check("[name=conflict][value=yes]")
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    # Without saying what the tie is, the declaration is refused and the choice kept.
    assert page.get_by_text("请简要说明利益冲突的情况").first.is_visible()
    assert page.is_checked("[name=conflict][value=yes]")
    page.fill("[name=conflict_note]", "本人担任该机构理事")
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    page.wait_for_url("**/venture/review/")
    assert page.locator("[data-testid=assignment]").count() == 1
    assert not page.get_by_text("草原书屋").is_visible()
    assert Assignment.objects.get(proposal=tied).conflict == Assignment.Conflict.CONFLICT

    # The second: no tie; the proposal opens with one score field per criterion.
    page.click(f"a[href='/venture/review/{scored.pk}/proposal/']")
    page.check("[name=conflict][value=no]")
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    criteria = list(round_.rubric.criteria.all())
    assert page.get_by_text("助餐暖心行动").first.is_visible()
    # A draft with half the criteria scored.
    for criterion in criteria[:3]:
        page.fill(f"[name=score_{criterion.pk}]", str(criterion.max_score * 8 // 10))
        page.fill(f"[name=comment_{criterion.pk}]", f"{criterion.name}较好")
    with page.expect_navigation():
        page.click("button[name=save]")
    page.wait_for_load_state()
    review = Review.objects.get(assignment__proposal=scored)
    assert review.state == Review.State.DRAFT
    page.goto(f"/venture/review/{scored.pk}/")
    assert page.input_value(f"[name=comment_{criteria[0].pk}]") == f"{criteria[0].name}较好"

    # Submitting with criteria unscored is refused; scoring the rest, it goes through.
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert Review.objects.get(pk=review.pk).state == Review.State.DRAFT
    for criterion in criteria:
        page.fill(f"[name=score_{criterion.pk}]", str(criterion.max_score * 8 // 10))
    page.fill("[name=overall_comment]", "需求清楚，预算合理")
    with page.expect_navigation():
        page.click("button[name=submit]")
    page.wait_for_load_state()
    review.refresh_from_db()
    assert review.state == Review.State.SUBMITTED and review.total == 80

    # Locked: the page says so and offers no way to change the scores.
    page.goto(f"/venture/review/{scored.pk}/")
    assert page.get_by_text("已提交并锁定").first.is_visible()
    assert page.get_by_text("80.00").first.is_visible()
    assert page.locator("button[name=submit]").count() == 0
    assert page.locator("button[name=save]").count() == 0
