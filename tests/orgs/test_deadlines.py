"""The daily scan: reminders to the organization's confirmed accounts and its staff, each sent once."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incubator.deadlines import run_scan
from incubator.models import Notification, Reminder
from incubator.tasks import scan_deadlines
from orgs import services
from orgs.deadlines import scan_incubations, scan_scores_due
from orgs.models import Evaluation, EvaluationKind, Stage
from tests.conftest import wait_for
from tests.factories import ExpertFactory, OrganizationFactory, RubricFactory, StaffFactory, applicant_of
from tests.orgs.factories import IncubationFactory, in_shell

TODAY = date(2026, 6, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("days", [30, 7, 1])
def test_in_shell_period_ending_is_announced_once(days):
    staff = StaffFactory()
    org = OrganizationFactory()
    contact = applicant_of(org)
    unconfirmed = applicant_of(org, confirmed_at=None)
    incubation = in_shell(org, admitted_on=TODAY + timedelta(days=days) - timedelta(days=304))
    incubation.in_shell_until = TODAY + timedelta(days=days)
    incubation.stage_due_on = incubation.in_shell_until
    incubation.responsible_staff = staff
    incubation.save()

    assert scan_incubations(TODAY) == 1
    assert scan_incubations(TODAY) == 0  # the second run sends nothing
    kinds = set(Notification.objects.values_list("recipient", "kind"))
    assert kinds == {(contact.pk, f"orgs_in_shell_ends_{days}"), (staff.pk, f"orgs_in_shell_ends_{days}")}
    assert not Notification.objects.filter(recipient=unconfirmed).exists()


@pytest.mark.django_db
def test_nothing_between_the_warning_days():
    in_shell(OrganizationFactory()).__class__.objects.update(in_shell_until=TODAY + timedelta(days=12))
    assert scan_incubations(TODAY) == 0


@pytest.mark.django_db
def test_growth_evaluation_due_and_then_overdue():
    staff = StaffFactory()
    incubation = IncubationFactory(stage=Stage.IN_SHELL, in_shell_until=TODAY, stage_due_on=TODAY)
    applicant_of(incubation.organization)
    assert scan_incubations(TODAY) == 1
    assert Notification.objects.filter(kind="orgs_growth_evaluation_due", recipient=staff).exists()
    # A day later the stage is overdue: one more reminder, once.
    assert scan_incubations(TODAY + timedelta(days=1)) == 1
    assert scan_incubations(TODAY + timedelta(days=2)) == 0
    assert Reminder.objects.filter(kind="orgs_stage_overdue", due_date=TODAY).count() == 1


@pytest.mark.django_db
def test_follow_up_year_ending_and_overdue_stages():
    IncubationFactory(
        stage=Stage.FOLLOW_UP, follow_up_until=TODAY + timedelta(days=30), stage_due_on=TODAY + timedelta(days=30)
    )
    IncubationFactory(stage=Stage.INSPECTION, stage_due_on=TODAY - timedelta(days=5))
    IncubationFactory(stage=Stage.DECLINED, stage_due_on=TODAY - timedelta(days=5))  # closed: never overdue
    StaffFactory()
    assert scan_incubations(TODAY) == 2
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"orgs_follow_up_ends_30", "orgs_stage_overdue"}


@pytest.mark.django_db
def test_the_scan_keeps_a_constant_number_of_queries(django_assert_max_num_queries):
    StaffFactory()

    def make(n):
        for _ in range(n):
            incubation = IncubationFactory(stage=Stage.INSPECTION, stage_due_on=TODAY - timedelta(days=1))
            applicant_of(incubation.organization)

    make(2)
    with CaptureQueriesContext(connection) as small:
        scan_incubations(TODAY)
    make(20)
    Reminder.objects.all().delete()
    # Each reminder costs its own insert and notifications; the lookups stay constant.
    per_reminder = (len(small) - 5) / 2
    with django_assert_max_num_queries(int(5 + per_reminder * 22) + 1):
        assert scan_incubations(TODAY) == 22


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_reminders_through_a_real_worker_are_sent_once(celery_worker):
    incubation = IncubationFactory(
        stage=Stage.IN_SHELL, in_shell_until=TODAY + timedelta(days=7), stage_due_on=TODAY + timedelta(days=7)
    )
    contact = applicant_of(incubation.organization)
    marker = IncubationFactory(
        stage=Stage.FOLLOW_UP, follow_up_until=TODAY + timedelta(days=31), stage_due_on=TODAY + timedelta(days=31)
    )
    marker_contact = applicant_of(marker.organization)
    scan_deadlines.delay(TODAY.isoformat())
    scan_deadlines.delay(TODAY.isoformat())
    # The solo worker runs tasks in order: once this third scan has acted, both earlier ones are done.
    scan_deadlines.delay((TODAY + timedelta(days=1)).isoformat())
    wait_for(lambda: Notification.objects.filter(recipient=marker_contact, kind="orgs_follow_up_ends_30").exists())
    assert Notification.objects.filter(recipient=contact, kind="orgs_in_shell_ends_7").count() == 1
    assert Reminder.objects.filter(kind="orgs_in_shell_ends_7").count() == 1
    assert run_scan(TODAY)["orgs.deadlines.scan_incubations"] == 0


@pytest.mark.django_db
def test_experts_are_reminded_of_scores_due_once():
    staff = StaffFactory()
    evaluation = Evaluation.objects.create(
        organization=OrganizationFactory(), kind=EvaluationKind.ADMISSION, rubric=RubricFactory(),
        due_on=TODAY + timedelta(days=3),
    )  # fmt: skip
    waiting, done = ExpertFactory(), ExpertFactory()
    services.assign_expert(staff, evaluation, waiting)
    finished = services.assign_expert(staff, evaluation, done)
    Notification.objects.all().delete()
    services.submit_scores(done, finished, {c.pk: c.max_score for c in evaluation.rubric.criteria.all()})
    assert scan_scores_due(TODAY) == 1
    assert scan_scores_due(TODAY) == 0
    assert list(Notification.objects.values_list("recipient", "kind")) == [(waiting.pk, "orgs_scores_due_3")]
