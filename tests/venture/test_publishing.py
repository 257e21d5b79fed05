"""Publishing the announcement (公示): confirmed, within the round's window or with the window started today
(recorded), once; the 公示 stays a public record for good; objections are taken only while they are accepted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import ExpertProfileFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory, set_state
from tests.venture.helpers import announcing_round_dates, move_dates, past_round_dates, score_all, screened
from venture import selectors, services
from venture.models import Objection, ProposalState, Round

S = ProposalState
pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed():
    """A round whose review is closed with two awards proposed; its announcement window opens in 27 days."""
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=1)
    expert = ExpertProfileFactory().user
    proposals = [ProposalFactory(round=round_) for _ in range(3)]
    for i, proposal in enumerate(proposals):
        screened(proposal, staff)
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.9") - Decimal("0.1") * i)
    services.close_review(staff, round_)
    for proposal in proposals[:2]:
        services.award(staff, proposal, "20000", "压缩预算")
    move_dates(
        round_,
        opens_on=-30,
        submission_deadline=-20,
        review_starts_on=-19,
        review_deadline=-2,
        announcement_starts_on=27,
        announcement_ends_on=33,
        signing_by=45,
    )
    return staff, round_, proposals


def _publish(client, round_, **fields):
    return client.post(reverse("venture:publish_announcement", args=[round_.pk]), fields)


def test_publishing_asks_for_confirmation(client, proposed):
    staff, round_, _proposals = proposed
    announcing_round_dates(round_)
    client.force_login(staff)
    page = _publish(client, round_).content.decode()
    assert "勾选确认后才能发布" in page or "Tick the box" in page
    round_.refresh_from_db()
    assert round_.announced_at is None
    assert _publish(client, round_, confirm="on").status_code == 302
    round_.refresh_from_db()
    assert round_.announced_at


def test_publishing_is_refused_before_the_window_and_says_when_it_opens(client, proposed):
    staff, round_, _proposals = proposed
    client.force_login(staff)
    page = _publish(client, round_, confirm="on").content.decode()
    assert round_.announcement_starts_on.isoformat() in page
    assert 'name="confirm" id="id_confirm" checked' in page  # what was ticked stays ticked
    round_.refresh_from_db()
    assert round_.announced_at is None
    assert not selectors.announced_proposals(round_).exists()


def test_staff_may_start_the_window_when_publishing_and_it_is_recorded(client, proposed):
    staff, round_, proposals = proposed
    client.force_login(staff)
    length = round_.announcement_ends_on - round_.announcement_starts_on
    _publish(client, round_, confirm="on", window_from_now="on")
    round_.refresh_from_db()
    assert round_.announced_at and round_.announcement_starts_on == timezone.localdate(round_.announced_at)
    assert round_.announcement_ends_on - round_.announcement_starts_on == length
    change = round_.history.filter(history_change_reason__startswith="announcement window set").get()
    assert change.history_user == staff
    assert round_.accepts_objections
    assert list(selectors.open_for_objections(round_)) == proposals[:2]


def test_of_two_staff_publishing_one_wins_and_the_other_is_told(proposed):
    staff, round_, _proposals = proposed
    announcing_round_dates(round_)
    stale = Round.objects.get(pk=round_.pk)
    services.publish_announcement(staff, round_)
    with pytest.raises(ValidationError, match="公示已发布"):
        services.publish_announcement(StaffFactory(), stale)


def test_the_objection_form_shows_only_while_objections_are_accepted(client, proposed):
    staff, round_, proposals = proposed
    services.publish_announcement(staff, round_, window_from_now=True)
    url = reverse("venture:announcement", args=[round_.code])
    assert 'name="text"' in client.get(url).content.decode()
    # The window moved to later (a gap before it): the page shows the dates and no form.
    move_dates(round_, announcement_starts_on=3, announcement_ends_on=9)
    page = client.get(url).content.decode()
    assert 'name="text"' not in page and 'data-testid="objections-closed"' in page
    with pytest.raises(ValidationError):
        services.file_objection(round_, proposals[0], "居民", "13900000000", "异议")
    assert not Objection.objects.exists()


def test_the_announcement_lists_its_awards_for_good_whatever_the_projects_reach(client, proposed):
    staff, round_, proposals = proposed
    services.publish_announcement(staff, round_, window_from_now=True)
    objection = services.file_objection(round_, proposals[1], "居民", "13900000000", "预算不实")
    services.handle_objection(staff, objection, "upheld", "经核实，撤销资助")
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    set_state(proposals[0], S.CLOSED)  # the project ran and closed since
    page = client.get(reverse("venture:announcement", args=[round_.code]))
    listed = list(page.context["proposals"])
    assert listed == proposals[:2]
    html = page.content.decode()
    assert proposals[0].title in html and "20000.00" in html and proposals[1].title in html
    assert proposals[2].title not in html
