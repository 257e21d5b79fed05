import datetime
import threading

import pytest
from django.db import connection

from incubator import deadlines, protocol, services
from incubator.models import Notification, Reminder
from incubator.protocol import Contribution
from incubator.tasks import send_notification_email, send_pending_email
from tests.factories import SiteFactory, UserFactory

DUE = datetime.date(2026, 12, 1)


@pytest.mark.django_db
def test_a_reminder_is_sent_once_however_often_it_is_asked_for():
    user, site = UserFactory(), SiteFactory()
    assert services.remind_once(site, "job_finished", DUE, [user], "到期提醒") is True
    assert services.remind_once(site, "job_finished", DUE, [user], "到期提醒") is False
    assert Notification.objects.filter(recipient=user).count() == 1
    # Another due date is another reminder.
    assert services.remind_once(site, "job_finished", DUE + datetime.timedelta(days=1), [user], "到期提醒") is True


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_the_same_moment_send_once():
    user, site = UserFactory(), SiteFactory()
    barrier = threading.Barrier(4)
    results = []

    def scan():
        try:
            barrier.wait()
            results.append(services.remind_once(site, "job_finished", DUE, [user], "到期提醒"))
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
    assert Reminder.objects.filter(kind="job_finished").count() == 1
    assert Notification.objects.filter(recipient=user).count() == 1


@pytest.mark.django_db
def test_run_scan_calls_every_registered_scanner_with_the_date(monkeypatch):
    seen = []

    def probe(today):
        seen.append(today)
        return 3

    monkeypatch.setattr(protocol, "_found", [("test_app", Contribution(scanners=[probe]))])

    assert list(deadlines.run_scan(DUE).values()) == [3]
    assert seen == [DUE]


@pytest.mark.django_db
def test_an_email_is_sent_once_even_when_its_task_is_delivered_twice(mailoutbox):
    user = UserFactory(email="a@example.org")
    (notification,) = services.notify([user], "job_finished", "标题", "正文")
    assert send_notification_email(notification.pk) is True
    assert send_notification_email(notification.pk) is False
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email == Notification.Email.SENT


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_notification_waits_in_the_outbox_and_goes_out_later(monkeypatch, mailoutbox):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    user = UserFactory(email="b@example.org")
    monkeypatch.setattr(send_notification_email, "delay", broker_down)
    services.notify([user], "job_finished", "标题", "正文")  # on_commit runs right away outside a transaction
    monkeypatch.undo()
    notification = Notification.objects.get(recipient=user)
    assert notification.email == Notification.Email.PENDING and not mailoutbox
    Notification.objects.filter(pk=notification.pk).update(
        created_at=notification.created_at - datetime.timedelta(minutes=5)
    )
    assert send_pending_email() == 1
    assert send_pending_email() == 0
    assert len(mailoutbox) == 1
