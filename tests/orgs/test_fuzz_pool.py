"""Fuzzed input on the expert pool and its draws: drawing, leaving, the pledge, signed scans, suspension and the
expert's own profile."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from orgs import services
from orgs.models import (
    Draw,
    Expertise,
    Organization,
    Seat,
    SignedSheet,
)
from tests.factories import (
    ExpertProfileFactory,
)
from tests.fuzz_strategies import (
    FUZZ,
    UPLOAD_LIMIT,
    WITNESS,
    assert_kept,
    assert_valid,
    choice,
    each_example,
    logged_in,
    numbers,
    references,
    text_or,
    uploads,
    valid_or,
)

pytestmark = pytest.mark.django_db


# -- the expert pool and its draws -----------------------------------------------------------------------------
@pytest.fixture
def experts_in_pool():
    return [ExpertProfileFactory(fields=[Expertise.COMMUNITY_SERVICE]) for _ in range(4)]


@FUZZ
@given(
    panel_size=valid_or("2", numbers),
    reserve_count=valid_or("1", numbers),
    fields=valid_or([Expertise.COMMUNITY_SERVICE], st.lists(choice(Expertise.values), max_size=3)),
    witnesses=text_or("张三\n李四", 1000),
)
def test_draw_form(evaluation, experts_in_pool, staff_client, panel_size, reserve_count, fields, witnesses):
    data = {"panel_size": panel_size, "reserve_count": reserve_count, "fields": fields, "witnesses": witnesses}
    with each_example():
        response = staff_client.post(reverse("orgs:evaluation_draw", args=[evaluation.pk]), data)
        assert response.status_code in (200, 302)
        draws = list(Draw.objects.all())
        assert_valid(draws)
        for draw in draws:
            assert 1 <= draw.panel_size <= 15 and 0 <= draw.reserve_count <= 10
            assert set(draw.fields) <= set(Expertise.values)
        if response.status_code == 200:
            assert not draws
            assert_kept(response, panel_size=panel_size, reserve_count=reserve_count, witnesses=witnesses)


@pytest.fixture
def draw(staff, organization, experts_in_pool):
    return services.draw_panel(staff, "入壳评估", [organization], 2, 1, seed="fuzz")


@FUZZ
@given(reason=text_or("出差无法参加", 500), conflict=st.sampled_from(["", "on", "", "on", "yes", "\x00"]))
def test_leave_form(draw, reason, conflict):
    seat = draw.seats.first()
    with each_example():
        client = logged_in(seat.expert)
        response = client.post(reverse("orgs:seat_leave", args=[seat.pk]), {"reason": reason, "conflict": conflict})
        assert response.status_code in (200, 302)
        assert_valid(Seat.objects.all())
        seat.refresh_from_db()
        if response.status_code == 200:
            assert seat.status == Seat.Status.PANEL
            assert_kept(response, reason=reason)
        else:
            assert seat.note == reason.strip() and seat.note


@FUZZ
@given(pledge_text=text_or("我承诺公正评审。"))
def test_pledge_text_form(draw, staff_client, pledge_text):
    with each_example():
        response = staff_client.post(reverse("orgs:draw_pledge", args=[draw.pk]), {"pledge_text": pledge_text})
        assert response.status_code in (200, 302)
        stored = Draw.objects.get(pk=draw.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.pledge_text == draw.pledge_text
            assert_kept(response, pledge_text=pledge_text)
        else:
            assert stored.pledge_text == pledge_text.strip()


@FUZZ
@given(kind=choice(SignedSheet.Kind.values), upload=uploads)
def test_sheet_form(draw, staff_client, small_uploads, kind, upload):
    with each_example():
        response = staff_client.post(
            reverse("orgs:draw_sheet_upload", args=[draw.pk]), {"kind": kind, "file": upload.file()}
        )
        assert response.status_code in (200, 302)
        sheets = list(SignedSheet.objects.all())
        assert_valid(sheets)
        if response.status_code == 302:
            assert upload.acceptable and sheets[0].size <= UPLOAD_LIMIT and sheets[0].original_name.isprintable()
        else:
            assert not sheets
            if kind in SignedSheet.Kind.values:
                assert_kept(response, kind=kind)


@FUZZ
@given(reason=text_or("未如实申报关联关系", 500))
def test_suspend_form(experts_in_pool, staff_client, reason):
    profile = experts_in_pool[0]
    with each_example():
        response = staff_client.post(reverse("orgs:pool_expert_suspend", args=[profile.pk]), {"reason": reason})
        assert response.status_code in (200, 302)
        profile.refresh_from_db()
        assert_valid([profile])
        if response.status_code == 200:
            assert profile.suspended_at is None
            assert_kept(response, reason=reason)
        else:
            assert profile.suspension_reason == reason.strip() and profile.suspension_reason


@FUZZ
@given(
    affiliation=text_or("内蒙古某大学", 100),
    title=text_or("副教授", 60),
    fields=st.lists(choice(Expertise.values), max_size=3),
    ties=st.lists(st.booleans(), max_size=2),
    odd=valid_or([], references([])),
    relatives=text_or(WITNESS),
    available=st.sampled_from(["", "on", "\x00"]),
)
def test_expert_profile_form(
    organization, experts_in_pool, affiliation, title, fields, ties, odd, relatives, available
):
    profile = experts_in_pool[0]
    tied = [str(organization.pk)] if any(ties) else []
    data = {
        "affiliation": affiliation,
        "title": title,
        "fields": fields,
        "tied_organizations": tied + odd,
        "relatives": relatives,
        "available": available,
    }
    with each_example():
        client = logged_in(profile.user)
        response = client.post(reverse("orgs:expert_profile"), data)
        assert response.status_code in (200, 302)
        profile.refresh_from_db()
        assert_valid([profile])
        change = profile.pending_change
        if response.status_code == 200:
            assert change is None
            assert_kept(response, affiliation=affiliation, title=title, relatives=relatives)
        else:
            assert len(change["affiliation"]) <= 100 and len(change["title"]) <= 60
            assert set(change["fields"]) <= set(Expertise.values)
            assert set(change["tied_organizations"]) <= set(Organization.objects.values_list("pk", flat=True))
            assert "\x00" not in change["relatives"] + change["affiliation"] + change["title"]
