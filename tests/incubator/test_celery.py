import pytest

from incubator.celery import app
from incubator.models import Heartbeat
from incubator.tasks import heartbeat
from tests.conftest import wait_for


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_periodic_heartbeat(celery_worker):
    assert app.conf.beat_schedule["heartbeat"]["task"] == heartbeat.name
    heartbeat.delay()
    wait_for(lambda: Heartbeat.objects.filter(name="celery").exists())
