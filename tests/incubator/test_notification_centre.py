import datetime

import pytest
from django.urls import reverse

from incubator import jobs, protocol, services
from incubator.calendar import CalendarEvent
from incubator.models import Job, Notification
from incubator.protocol import Contribution
from tests.conftest import wait_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_chooses_which_notifications_also_come_by_email(client):
    user = UserFactory(email="u@example.org")
    client.force_login(user)
    page = client.get(reverse("notification_settings")).content.decode()
    assert 'value="membership_confirmed"' in page and "checked" in page
    client.post(reverse("notification_settings"), {"email": ["job_finished"]})
    user.refresh_from_db()
    assert "membership_confirmed" in user.email_muted_kinds and "job_finished" not in user.email_muted_kinds
    (muted,) = services.notify([user], "membership_confirmed", "已确认")
    (emailed,) = services.notify([user], "job_finished", "已完成")
    assert muted.email == Notification.Email.SKIPPED and emailed.email == Notification.Email.PENDING


@pytest.fixture
def spreadsheet_job(contribute):
    def count(job, upto):
        for n in range(upto):
            jobs.job_progress(job, n, upto)
        return "数到.txt", ",".join(str(n) for n in range(upto)).encode()

    contribute(Contribution(jobs={"test.count": count}))
    return count


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_long_job_runs_in_a_real_worker_and_only_its_owner_downloads_the_result(
    client, celery_worker, spreadsheet_job
):
    owner, other = UserFactory(), UserFactory()
    job = jobs.start(owner, "test.count", "数数", upto=50)
    wait_for(lambda: Job.objects.get(pk=job.pk).is_finished)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100
    assert Notification.objects.filter(recipient=owner, kind="job_finished").exists()

    client.force_login(other)
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    client.force_login(owner)
    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    assert reverse("job_download", args=[job.pk]) in page and "hx-trigger" not in page
    response = client.get(reverse("job_download", args=[job.pk]))
    assert b"".join(response.streaming_content).startswith(b"0,1,2")


def test_a_running_job_page_polls_for_progress(client, spreadsheet_job):
    owner = UserFactory()
    job = Job.objects.create(owner=owner, kind="test.count", title="数数", progress=40, status=Job.Status.RUNNING)
    client.force_login(owner)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "40%" in page


def test_a_failed_job_says_so(spreadsheet_job):
    owner = UserFactory()
    job = Job.objects.create(owner=owner, kind="test.count", title="数数", params={"upto": "not a number"})
    assert jobs.run(job.pk) is True
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message
    assert jobs.run(job.pk) is False  # a second delivery does nothing


def test_the_calendar_feed_lists_the_users_deadlines_and_its_address_can_be_reset(client, monkeypatch):
    user = UserFactory()
    monkeypatch.setattr(protocol, "_found", [])
    event = CalendarEvent("t-1", datetime.date(2026, 12, 24), "壳内孵化期届满", url="/x/")
    monkeypatch.setattr(
        protocol, "_found", [("test_app", Contribution(calendar=lambda u, since: [event] if u == user else []))]
    )
    response = client.get(reverse("calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "壳内孵化期届满" in body and "DTSTART;VALUE=DATE:20261224" in body

    old = user.calendar_token
    client.force_login(user)
    client.post(reverse("calendar_settings"))
    user.refresh_from_db()
    assert user.calendar_token != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert str(user.calendar_token) in client.get(reverse("calendar_settings")).content.decode()
