"""Fuzzed input on the staff organization page (stage steps, evaluations, spaces, services, bids) and the
organization list's filters."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from orgs.models import (
    Category,
    Evaluation,
    GovernmentBid,
    Grade,
    ServiceEntry,
    SpaceAllocation,
    Stage,
    Track,
)
from tests.factories import (
    ExpertFactory,
    OrganizationFactory,
    RubricFactory,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    FUZZ,
    FUZZ_SLOW_PAGE,
    IN_A_MONTH,
    WITNESS,
    assert_kept,
    assert_no_formula,
    assert_valid,
    choice,
    dates,
    each_example,
    formula_text,
    mostly,
    numbers,
    reference,
    references,
    text,
    text_or,
    valid_or,
)
from tests.jobs import export
from tests.orgs.factories import IncubationFactory, SpaceFactory

pytestmark = pytest.mark.django_db


# -- staff: the organization page ------------------------------------------------------------------------------
@pytest.fixture
def resident():
    """A resident-track organization at inspection: every page action but the evaluations is open to it."""
    return IncubationFactory(organization=OrganizationFactory(track=Track.RESIDENT), stage=Stage.INSPECTION)


@FUZZ_SLOW_PAGE
@given(
    # Each step posts to its own address, so a request names one of them.
    action=st.sampled_from(["admit_resident", "decline", "withdraw", "start_inspection", "complete"]),
    on=valid_or(A_MONTH_AGO, dates),
    months=valid_or("12", numbers),
    reason=text_or(WITNESS),
)
@example(action="admit_resident", on="9999-12-31", months="12", reason=WITNESS)
def test_stage_action_form(resident, staff_client, action, on, months, reason):
    data = {"on": on, "months": months, "reason": reason}
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse(f"orgs:organization_{action}", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        resident.refresh_from_db()
        assert_valid([resident])
        if response.status_code == 200:
            assert resident.stage == Stage.INSPECTION
            assert_kept(response, reason=reason, on=on)
        else:
            assert resident.stage != Stage.INSPECTION
            assert resident.stage_since.isoformat() == on
            assert resident.agreement_until is None or resident.agreement_until > resident.admitted_on


@pytest.fixture
def inspected():
    return IncubationFactory(stage=Stage.INSPECTION)


@pytest.fixture
def panel_choice():
    return RubricFactory(), ExpertFactory.create_batch(3)


@FUZZ_SLOW_PAGE
@given(
    rubric=mostly,
    junk=reference([]),
    experts=st.lists(st.booleans(), max_size=3),
    odd=valid_or([], references([])),
    due_on=valid_or(IN_A_MONTH, dates),
)
def test_evaluation_setup_form(inspected, panel_choice, staff_client, rubric, junk, experts, odd, due_on):
    rubric_row, pool = panel_choice
    chosen = [str(e.pk) for e, pick in zip(pool, experts, strict=False) if pick] + odd
    prefix = "start_admission_evaluation-"
    data = {
        prefix + "rubric": str(rubric_row.pk) if rubric else junk,
        prefix + "experts": chosen,
        prefix + "due_on": due_on,
    }
    org = inspected.organization
    with each_example():
        url = reverse("orgs:organization_evaluation", args=[org.pk, "start_admission_evaluation"])
        response = staff_client.post(url, data)
        assert response.status_code in (200, 302)
        evaluations = list(Evaluation.objects.filter(organization=org))
        assert_valid(evaluations)
        if response.status_code == 302:
            assert len(evaluations) == 1 and evaluations[0].due_on.isoformat() == due_on
            assert {str(a.expert_id) for a in evaluations[0].assignments.all()} == set(chosen)
        else:
            assert not evaluations
            assert_kept(response, **{prefix + "due_on": due_on})


@pytest.fixture
def held_space(resident):
    return SpaceFactory(site=resident.organization.site)


@FUZZ_SLOW_PAGE
@given(space=mostly, junk=reference([]), on=valid_or(A_MONTH_AGO, dates), note=text_or(WITNESS, 200))
def test_allocate_space_form(resident, held_space, staff_client, space, junk, on, note):
    data = {"space": str(held_space.pk) if space else junk, "on": on, "note": note}
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse("orgs:organization_space", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        allocations = list(SpaceAllocation.objects.all())
        assert_valid(allocations)
        if response.status_code == 200:
            assert not allocations
            assert_kept(response, note=note)
        else:
            assert allocations[0].note == note.strip()


@FUZZ_SLOW_PAGE
@given(
    kind=choice(ServiceEntry.Kind.values),
    on=valid_or(A_MONTH_AGO, dates),
    hours=valid_or("1.5", numbers),
    notes=text_or(WITNESS),
)
def test_service_entry_form(resident, staff_client, kind, on, hours, notes):
    org = resident.organization
    with each_example():
        response = staff_client.post(
            reverse("orgs:organization_service", args=[org.pk]),
            {"kind": kind, "on": on, "hours": hours, "notes": notes},
        )
        assert response.status_code in (200, 302)
        entries = list(ServiceEntry.objects.all())
        assert_valid(entries)
        if response.status_code == 200:
            assert not entries
            assert_kept(response, notes=notes, on=on, hours=hours)


@FUZZ_SLOW_PAGE
@given(
    purchaser=text_or("伊金霍洛旗民政局", 100),
    project=text_or("居家养老服务", 150),
    amount=valid_or("80000", numbers),
    submitted_on=valid_or(A_MONTH_AGO, dates),
    result=choice(GovernmentBid.Result.values),
    notes=text_or(WITNESS),
)
def test_government_bid_form(resident, staff_client, purchaser, project, amount, submitted_on, result, notes):
    data = {
        "purchaser": purchaser,
        "project": project,
        "amount": amount,
        "submitted_on": submitted_on,
        "result": result,
        "notes": notes,
    }
    org = resident.organization
    with each_example():
        response = staff_client.post(reverse("orgs:organization_bid", args=[org.pk]), data)
        assert response.status_code in (200, 302)
        bids = list(GovernmentBid.objects.all())
        assert_valid(bids)
        if response.status_code == 200:
            assert not bids
            assert_kept(response, purchaser=purchaser, project=project, notes=notes, amount=amount)


# -- the organization list's filters ---------------------------------------------------------------------------
@FUZZ
@given(
    q=st.one_of(formula_text, text(100)),
    track=choice(Track.values),
    stage=choice(Stage.values),
    site=reference([]),
    category=choice(Category.values),
    grade=choice(Grade.values),
    overdue=st.sampled_from(["", "true", "false", "1", "unknown", "\x00"]),
    page=numbers,
    where=st.sampled_from(["orgs:organization_list", "orgs:board", "orgs:organization_export"]),
)
def test_organization_filter(resident, staff_client, q, track, stage, site, category, grade, overdue, page, where):
    params = {
        "q": q,
        "track": track,
        "stage": stage,
        "site": site,
        "category": category,
        "grade": grade,
        "overdue": overdue,
        "page": page,
    }
    if where == "orgs:organization_export":
        assert_no_formula(export(staff_client, reverse(where), {"query": urlencode(params, doseq=True)}))
        return
    response = staff_client.get(reverse(where), params)
    assert response.status_code == 200
    if where == "orgs:organization_list" and "\x00" not in q:
        assert_kept(response, q=q)
