"""/healthz: anyone may learn whether the portal is up (the status code); what is down, and since when, only staff
and a monitor on the machine itself (loopback, as the trusted-proxy rule computes the client's address)."""

import pytest
from django.urls import reverse

from tests.factories import ExpertFactory, PartyStaffFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
DETAILS = ("database", "broker", "worker_heartbeat")


def health(client, **meta):
    return client.get(reverse("healthz"), **meta)


def test_an_anonymous_caller_from_outside_gets_the_status_code_only(client):
    response = health(client, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 200
    assert response.content == b""


def test_a_broken_part_is_not_named_to_an_outside_caller(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = health(client, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 503
    assert response.content == b""


@pytest.mark.parametrize("factory", [UserFactory, ExpertFactory])
def test_a_signed_in_user_who_is_not_staff_gets_no_details_either(client, factory):
    client.force_login(factory())
    assert health(client, REMOTE_ADDR="198.51.100.9").content == b""


@pytest.mark.parametrize("factory", [StaffFactory, PartyStaffFactory])
def test_staff_see_the_details_from_anywhere(client, factory):
    client.force_login(factory())
    body = health(client, REMOTE_ADDR="198.51.100.9").json()
    assert all(key in body for key in DETAILS)


def test_a_monitor_on_the_machine_itself_sees_the_details(client):
    body = health(client, REMOTE_ADDR="127.0.0.1").json()
    assert body["database"] == "ok"


def test_behind_the_proxy_an_outside_caller_is_not_loopback(client, settings):
    """The proxy runs on the same machine: its requests arrive from 127.0.0.1, but the client is elsewhere."""
    settings.TRUSTED_PROXIES = 1
    response = health(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.content == b""
    forged = health(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1, 198.51.100.9")
    assert forged.content == b""
    local = health(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert local.json()["database"] == "ok"


def test_exposed_directly_a_forwarded_header_does_not_make_a_caller_loopback(client):
    assert health(client, REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="127.0.0.1").content == b""
