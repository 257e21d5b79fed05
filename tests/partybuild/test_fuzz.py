"""Fuzzed form input never gives a 500, never stores an invalid record, and keeps what the user typed."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partybuild.models import PartyMember, Support
from tests.factories import InstructorFactory
from tests.partybuild.factories import PartyCaseFactory

text = st.text(max_size=120)
dates = st.one_of(st.dates().map(str), text)

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def case(db):
    return PartyCaseFactory(instructor=InstructorFactory())


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
        member.full_clean()
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
