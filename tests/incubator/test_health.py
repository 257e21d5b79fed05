import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_200_when_database_and_broker_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["database"] == "ok" and body["broker"] == "ok" and body["status"] == "ok"


def test_healthz_reports_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok" and body["broker"] != "ok" and body["status"] == "error"


def test_healthz_shows_the_last_worker_heartbeat(client):
    from incubator.tasks import heartbeat

    heartbeat()
    assert client.get(reverse("healthz")).json()["worker_heartbeat"] is not None
