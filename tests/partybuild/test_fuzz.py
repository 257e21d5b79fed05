"""Fuzzed input on the party case pages (members, supports, stages, instructor, training, two-way flow, the
case list's filters): never a 500, never an invalid record, and what the user typed kept."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partybuild.models import (
    MemberStatus,
    PartyCase,
    PartyMember,
    StageLog,
    Support,
    TalentFlow,
    Training,
)
from tests.factories import PartyStaffFactory
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    WITNESS,
    assert_kept,
    assert_no_formula,
    assert_valid,
    choice,
    each_example,
    formula_text,
    logged_in,
    mostly,
    reference,
    references,
    text_or,
    valid_or,
)
from tests.fuzz_strategies import FUZZ as FUZZ_FORM
from tests.fuzz_strategies import dates as hostile_dates
from tests.fuzz_strategies import numbers as hostile_numbers
from tests.fuzz_strategies import text as hostile_text
from tests.orgs.factories import in_shell
from tests.partybuild.factories import PartyMemberFactory

pytestmark = pytest.mark.django_db

text = st.text(max_size=120)
dates = st.one_of(st.dates().map(str), text)

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def instructor_client(case):
    return logged_in(case.instructor)


@pytest.fixture
def party_staff():
    return PartyStaffFactory()


@pytest.fixture
def staff_client(party_staff):
    return logged_in(party_staff)


@FUZZ
@given(
    name=text,
    status=st.sampled_from(["full", "probationary", "activist", "applicant", "", "boss"]),
    transfer=st.sampled_from(["not_needed", "pending", "done", "x"]),
    started=dates,
    consent=dates,
)
@pytest.mark.django_db
def test_member_form(client, case, name, status, transfer, started, consent):
    client.force_login(case.instructor)
    before = PartyMember.objects.count()
    data = {
        "name": name,
        "status": status,
        "transfer_status": transfer,
        "transfer_started_on": started,
        "consent_on": consent,
    }
    response = client.post(reverse("partybuild:member_add", args=[case.organization_id]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert PartyMember.objects.count() == before
    else:
        member = PartyMember.objects.latest("pk")
        assert_valid([member])
        assert member.name == name.strip()


@FUZZ
@given(
    kind=st.sampled_from([*Support.Kind.values, "cash"]),
    amount=st.one_of(text, st.decimals().map(str)),
    given_on=dates,
    description=text,
)
@pytest.mark.django_db
def test_support_form(client, case, kind, amount, given_on, description):
    client.force_login(case.instructor)
    before = Support.objects.count()
    data = {"kind": kind, "amount": amount, "given_on": given_on, "description": description}
    response = client.post(reverse("partybuild:support_add", args=[case.organization_id]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Support.objects.count() == before
    else:
        support = Support.objects.latest("pk")
        support.full_clean()
        assert kind != "funds" or support.amount is not None


@FUZZ_FORM
@given(name=st.one_of(formula_text, hostile_text(60)), held_at=st.one_of(formula_text, hostile_text(100)))
def test_member_names_typed_as_formulas_stay_text_in_the_export(case, staff_client, name, held_at):
    data = {
        "name": name,
        "status": "full",
        "relationship_held_at": held_at,
        "transfer_status": "not_needed",
        "consent_on": A_MONTH_AGO,
    }
    with each_example():
        response = staff_client.post(reverse("partybuild:member_add", args=[case.organization_id]), data)
        assert response.status_code in (200, 302)
        assert_valid(PartyMember.objects.all())
        valid = 0 < len(name.strip()) <= 60 and len(held_at.strip()) <= 100 and "\x00" not in name + held_at
        assert (response.status_code == 302) == valid
        export = staff_client.get(reverse("partybuild:members_export_all"))
        assert export.status_code == 200
        assert_no_formula(export.content)


@FUZZ_FORM
@given(
    step=st.sampled_from(["finish_inspection", "start_support", "start_formation", "start_follow_up"]),
    note=text_or("已入壳考察", 2000),
)
def test_advance_form(case, instructor_client, step, note):
    client = instructor_client
    with each_example():
        response = client.post(reverse(f"partybuild:{step}", args=[case.organization_id]), {"note": note})
        assert response.status_code in (200, 302)
        stored = PartyCase.objects.get(pk=case.pk)
        if response.status_code == 200:  # refused: the confirmation again, the note as typed
            assert stored.stage == case.stage
            if "\x00" not in note:
                assert_kept(response, note=note)
        assert_valid([stored])
        assert_valid(StageLog.objects.all())


@FUZZ_FORM
@given(
    instructor=mostly,
    junk=reference([]),
    dual_duty=st.sampled_from(["", "on"]),
    pairing_unit=text_or(WITNESS, 100),
)
def test_assign_instructor_form(case, staff_client, instructor, junk, dual_duty, pairing_unit):
    data = {
        "instructor": str(case.instructor_id) if instructor else junk,
        "dual_duty": dual_duty,
        "pairing_unit": pairing_unit,
    }
    with each_example():
        response = staff_client.post(reverse("partybuild:assign", args=[case.organization_id]), data)
        assert response.status_code in (200, 302)
        stored = PartyCase.objects.get(pk=case.pk)
        assert_valid([stored])
        if response.status_code == 200:
            assert stored.pairing_unit == case.pairing_unit
            assert_kept(response, pairing_unit=pairing_unit)
        else:
            assert stored.pairing_unit == pairing_unit.strip()


@pytest.fixture
def without_case():
    return in_shell().organization


@FUZZ_FORM
@given(organizations=mostly, odd=valid_or([], references([])), reason=text_or(WITNESS, 500))
def test_open_case_form(without_case, staff_client, organizations, odd, reason):
    data = {"organizations": [str(without_case.pk)] * organizations + odd, "reason": reason}
    with each_example():
        response = staff_client.post(reverse("partybuild:open_case"), data)
        assert response.status_code in (200, 302)
        cases = list(PartyCase.objects.all())
        assert_valid(cases)
        if response.status_code == 200:
            assert not cases
            assert_kept(response, reason=reason)


@FUZZ_FORM
@given(
    held_on=valid_or(A_MONTH_AGO, hostile_dates),
    topic=text_or(WITNESS, 200),
    participants=valid_or("15", hostile_numbers),
    hours=valid_or("2.5", hostile_numbers),
)
def test_training_form(case, instructor_client, held_on, topic, participants, hours):
    client = instructor_client
    data = {"held_on": held_on, "topic": topic, "participants": participants, "hours": hours}
    with each_example():
        response = client.post(reverse("partybuild:training_add", args=[case.organization_id]), data)
        assert response.status_code in (200, 302)
        trainings = list(Training.objects.all())
        assert_valid(trainings)
        assert_valid([PartyCase.objects.get(pk=case.pk)])
        if response.status_code == 200:
            assert not trainings
            assert_kept(response, topic=topic, held_on=held_on, hours=hours, participants=participants)


@pytest.fixture
def member(case):
    return PartyMemberFactory(case=case, status=MemberStatus.ACTIVIST)


@FUZZ_FORM
@given(
    which=mostly,
    junk=reference([]),
    direction=choice(TalentFlow.Direction.values),
    on=valid_or(A_MONTH_AGO, hostile_dates),
    note=text_or(WITNESS, 200),
)
def test_flow_form(member, instructor_client, which, junk, direction, on, note):
    client = instructor_client
    data = {"member": str(member.pk) if which else junk, "direction": direction, "on": on, "note": note}
    with each_example():
        response = client.post(reverse("partybuild:flow_add", args=[member.case.organization_id]), data)
        assert response.status_code in (200, 302)
        flows = list(TalentFlow.objects.all())
        assert_valid(flows)
        assert all(f.direction != TalentFlow.Direction.MEMBER_TO_LEADER for f in flows)  # the member is an activist
        if response.status_code == 200:
            assert not flows
            assert_kept(response, note=note, on=on)


@FUZZ_FORM
@given(
    stage=choice(["inspection", "support", "formation", "follow_up"]),
    band=choice(["none", "few", "three_full"]),
    site=reference([]),
    q=hostile_text(100),
    page=hostile_numbers,
    where=st.sampled_from(["partybuild:cases", "partybuild:mine"]),
)
@example(stage="inspection", band="few", site="²", q="\x00", page="1", where="partybuild:cases")
def test_case_list_filters(case, party_staff, stage, band, site, q, page, where):
    user = party_staff if where == "partybuild:cases" else case.instructor
    with each_example():
        response = logged_in(user).get(
            reverse(where), {"stage": stage, "band": band, "site": site, "q": q, "page": page}
        )
        assert response.status_code == 200
