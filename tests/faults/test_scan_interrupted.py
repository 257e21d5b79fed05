"""A worker killed in the middle of the daily deadline scan: what it sent stays sent, and the next run (the task
is acknowledged late, so the broker hands it out again) sends each remaining reminder once."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from incubator import deadlines, services
from incubator.models import Notification, Reminder
from tests.factories import StaffFactory, applicant_of
from tests.orgs.factories import in_shell

TODAY = datetime.date(2026, 12, 1)


class WorkerKilled(BaseException):
    """Raised part-way through a scan, as a SIGKILL would stop it (not an Exception: nothing may catch it)."""


@pytest.mark.django_db(transaction=True)
def test_a_scan_killed_half_way_is_completed_by_the_next_run_with_no_reminder_twice(monkeypatch):
    StaffFactory()
    ending = TODAY + datetime.timedelta(days=7)
    incubations = [in_shell(admitted_on=ending - relativedelta(months=10)) for _ in range(8)]
    for incubation in incubations:
        assert incubation.in_shell_until == ending
        applicant_of(incubation.organization)

    real_notify, calls = services.notify, []

    def dying_notify(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise WorkerKilled
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(services, "notify", dying_notify)
    with pytest.raises(WorkerKilled):
        deadlines.run_scan(TODAY)
    sent_before = Reminder.objects.filter(kind="orgs_in_shell_ends_7").count()
    assert sent_before == 3  # the fourth died with the worker, its row rolled back with it

    monkeypatch.setattr(services, "notify", real_notify)
    deadlines.run_scan(TODAY)
    deadlines.run_scan(TODAY)
    assert Reminder.objects.filter(kind="orgs_in_shell_ends_7").count() == 8
    for incubation in incubations:
        organization = incubation.organization
        to_applicant = Notification.objects.filter(
            kind="orgs_in_shell_ends_7", recipient__membership__organization=organization
        )
        assert to_applicant.count() == 1, organization
