"""The party deadlines in the private calendar feed: star ratings, joint meetings and membership transfers
due, for party staff (every case) and instructors (their own cases only); never a member's name."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubator import calendar
from partybuild.models import StarRating, TransferStatus
from tests.factories import InstructorFactory, OrganizationFactory, PartyStaffFactory, StaffFactory, applicant_of
from tests.partybuild.factories import PartyCaseFactory, PartyMemberFactory, PartyOrganizationFactory, scheme

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def party_world(instructor, tag=""):
    """Two organizations, one guided by `instructor`, each in a joint branch with a meeting and a transfer due."""
    world = {}
    for key, guide in ((f"mine{tag}", instructor), (f"other{tag}", InstructorFactory())):
        organization = OrganizationFactory(name=f"{key}组织")
        case = PartyCaseFactory(organization=organization, instructor=guide)
        branch = PartyOrganizationFactory(
            name=f"{key}联合党支部",
            next_meeting_due=TODAY + timedelta(days=20),
            formed_on=TODAY - timedelta(days=400),
            organizations=[organization],
        )
        PartyMemberFactory(
            case=case, name=f"{key}转接人", transfer_status=TransferStatus.PENDING, transfer_due=TODAY + timedelta(10)
        )
        world[key.rstrip("0123456789")] = branch
    return world


def titles(user):
    return [str(event.title) for event in calendar.events_for(user)]


def test_party_staff_see_every_rating_meeting_and_transfer_due_without_names():
    current = scheme()
    instructor = InstructorFactory()
    world = party_world(instructor)
    StarRating.objects.create(
        scheme=current, party_organization=world["other"], year=TODAY.year, state=StarRating.State.FINAL
    )
    seen = titles(PartyStaffFactory())
    assert f"{TODAY.year}年度星级评定待完成：mine联合党支部" in seen
    assert not any("other联合党支部" in t and "星级" in t for t in seen)  # already rated this year
    assert "联席会议待召开：mine联合党支部" in seen and "联席会议待召开：other联合党支部" in seen
    assert "mine组织有一名党员的组织关系转接到期" in seen and "other组织有一名党员的组织关系转接到期" in seen
    assert not any("转接人" in t for t in seen)


def test_an_instructor_sees_only_the_cases_they_guide():
    scheme()
    instructor = InstructorFactory()
    party_world(instructor)
    seen = " ".join(titles(instructor))
    assert "mine联合党支部" in seen and "mine组织" in seen
    assert "other" not in seen


@pytest.mark.parametrize("make", [StaffFactory, lambda: applicant_of(OrganizationFactory())])
def test_park_staff_and_applicants_get_no_party_deadlines(make):
    scheme()
    party_world(InstructorFactory())
    assert not any("党" in t or "联合" in t for t in titles(make()))


def test_the_feed_costs_the_same_queries_whatever_the_number_of_branches(client):
    scheme()
    staff = PartyStaffFactory()
    party_world(InstructorFactory())
    url = reverse("calendar_feed", args=[staff.calendar_token])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        party_world(InstructorFactory(), tag=n)
    with CaptureQueriesContext(connection) as large:
        feed = client.get(url).content.decode().replace("\r\n ", "")
    assert len(large) == len(small)
    assert feed.count("BEGIN:VEVENT") >= 33 and "转接人" not in feed
