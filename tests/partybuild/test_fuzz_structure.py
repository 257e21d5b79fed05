"""Fuzzed input on the party structure pages (party organizations, joining, joint meetings, star ratings,
honours): never a 500, never an invalid record, and what the user typed kept."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from incubator.forms import EARLIEST_DATE, LATEST_DATE
from partybuild.models import (
    Honour,
    JointMeeting,
    PartyOrganization,
    RatingScore,
    StarRating,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    each_example,
    mostly,
    reference,
    references,
    text_or,
    valid_or,
)
from tests.fuzz_strategies import FUZZ as FUZZ_FORM
from tests.fuzz_strategies import dates as hostile_dates
from tests.fuzz_strategies import numbers as hostile_numbers
from tests.partybuild.factories import PartyOrganizationFactory, scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    return PartyOrganization.objects.create(name="双孵化园联合党委", kind=PartyOrganization.Kind.COMMITTEE)


@FUZZ_FORM
@given(
    kind=valid_or(PartyOrganization.Kind.JOINT_BRANCH, choice(PartyOrganization.Kind.values)),
    name=text_or("第二联合党支部", 100),
    parent=mostly,
    junk=reference([]),
    organizations=valid_or([], references([])),
    secretary=text_or(WITNESS, 60),
    formed_on=valid_or(A_MONTH_AGO, hostile_dates),
    formation_mode=choice(["standalone", "industry", "area"]),
    interval=valid_or("3", hostile_numbers),
)
def test_party_organization_form(
    committee, case, staff_client, kind, name, parent, junk, organizations, secretary, formed_on, formation_mode,
    interval,
):  # fmt: skip
    data = {
        "kind": kind,
        "name": name,
        "parent": str(committee.pk) if parent else junk,
        "organizations": [str(case.organization_id), *organizations],
        "secretary": secretary,
        "formed_on": formed_on,
        "formation_mode": formation_mode,
        "meeting_interval_months": interval,
    }
    with each_example():
        response = staff_client.post(reverse("partybuild:party_organization_add"), data)
        assert response.status_code in (200, 302)
        party_organizations = list(PartyOrganization.objects.all())
        assert_valid(party_organizations)
        assert all(EARLIEST_DATE <= p.formed_on <= LATEST_DATE for p in party_organizations)
        if response.status_code == 200:
            assert party_organizations == [committee]
            assert_kept(response, name=name, secretary=secretary, formed_on=formed_on)


@pytest.fixture
def joint_branch(committee):
    return PartyOrganizationFactory(parent=committee)


@FUZZ_FORM
@given(organization=mostly, junk=reference([]))
def test_join_form(joint_branch, case, staff_client, organization, junk):
    with each_example():
        data = {"organization": str(case.organization_id) if organization else junk}
        response = staff_client.post(reverse("partybuild:join", args=[joint_branch.pk]), data)
        assert response.status_code == 302
        assert set(joint_branch.organizations.all()) <= {case.organization}


@FUZZ_FORM
@given(
    held_on=valid_or(A_MONTH_AGO, hostile_dates),
    topic=text_or("学习贯彻会议精神", 200),
    minutes=text_or(WITNESS),
    attendees=valid_or("12", hostile_numbers),
    attending=valid_or([], references([])),
)
def test_meeting_form(joint_branch, case, staff_client, held_on, topic, minutes, attendees, attending):
    joint_branch.organizations.add(case.organization)
    data = {
        "held_on": held_on,
        "topic": topic,
        "minutes": minutes,
        "attendees": attendees,
        "attending_organizations": attending,
    }
    with each_example():
        response = staff_client.post(reverse("partybuild:meeting_add", args=[joint_branch.pk]), data)
        assert response.status_code in (200, 302)
        meetings = list(JointMeeting.objects.all())
        assert_valid(meetings)
        assert all(m.held_on <= timezone.localdate() for m in meetings)
        assert_valid(PartyOrganization.objects.all())
        if response.status_code == 200:
            assert not meetings
            assert_kept(response, topic=topic, minutes=minutes, held_on=held_on)


@pytest.fixture
def current_scheme():
    return scheme()


@FUZZ_FORM
@given(
    year=valid_or("2025", hostile_numbers),
    innovation=st.sampled_from(["", "on"]),
    points=st.lists(valid_or("8", hostile_numbers), min_size=8, max_size=8),
)
def test_rating_form(joint_branch, current_scheme, staff_client, year, innovation, points):
    indicators = list(current_scheme.indicators.all())
    data = {"year": year, "innovation": innovation} | {
        f"indicator_{i.pk}": p for i, p in zip(indicators, points, strict=True)
    }
    with each_example():
        response = staff_client.post(reverse("partybuild:rating_add", args=[joint_branch.pk]), data)
        assert response.status_code in (200, 302)
        ratings = list(StarRating.objects.all())
        assert_valid(ratings)
        assert_valid(RatingScore.objects.all())
        for rating in ratings:
            assert 0 <= rating.points <= sum(i.max_points for i in indicators) and 0 <= rating.stars <= 5
        if response.status_code == 200:
            assert not ratings
            assert_kept(response, year=year, **{k: v for k, v in data.items() if k.startswith("indicator_")})


@FUZZ_FORM
@given(
    category=choice(Honour.Category.values),
    year=valid_or("2025", hostile_numbers),
    title=text_or(WITNESS, 100),
    awarded_on=valid_or(A_MONTH_AGO, hostile_dates),
)
def test_honour_form(joint_branch, staff_client, category, year, title, awarded_on):
    data = {"category": category, "year": year, "title": title, "awarded_on": awarded_on}
    with each_example():
        response = staff_client.post(reverse("partybuild:honour_add", args=[joint_branch.pk]), data)
        assert response.status_code in (200, 302)
        honours = list(Honour.objects.all())
        assert_valid(honours)
        assert all(h.category != Honour.Category.OUTSTANDING_MEMBER for h in honours)
        if response.status_code == 200:
            assert not honours
            assert_kept(response, title=title, year=year, awarded_on=awarded_on)
