"""The five-stage incubation and the resident track, through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from incubator.models import Notification
from incubator.protocol import Contribution
from orgs import services
from orgs.models import Evaluation, EvaluationKind, Incubation, Stage, Track
from orgs.services.incubation import ORGANIZATION_ADMITTED
from tests.factories import (
    ExpertFactory,
    OrganizationFactory,
    RubricFactory,
    SiteFactory,
    StaffFactory,
    applicant_of,
)
from tests.orgs.factories import ApplicationFactory, IncubationFactory

pytestmark = pytest.mark.django_db


def submit(org):
    applicant = applicant_of(org)
    application = ApplicationFactory(organization=org)
    services.save_application(applicant, application, submit=True)
    return Incubation.objects.get(organization=org), applicant


def score_all(evaluation, value_share):
    """Every active expert gives each criterion `value_share` of its maximum."""
    for assignment in evaluation.assignments.all():
        criteria = evaluation.rubric.criteria.all()
        services.submit_scores(
            assignment.expert, assignment, {c.pk: c.max_score * Decimal(value_share) for c in criteria}
        )


def test_the_whole_way_through_the_five_stages():
    staff = StaffFactory()
    site = SiteFactory(in_shell_months=10, follow_up_months=12)
    org = OrganizationFactory(site=site)
    incubation, applicant = submit(org)
    assert incubation.stage == Stage.APPLICATION

    services.start_inspection(staff, incubation, date(2026, 1, 5), "visited")
    experts = ExpertFactory.create_batch(3)
    evaluation = services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), experts, date(2026, 3, 1), date(2026, 2, 1)
    )
    score_all(evaluation, "0.8")
    services.close_evaluation(staff, evaluation)
    evaluation.refresh_from_db()
    assert evaluation.result == Decimal("80.00")
    services.decide_evaluation(staff, evaluation, Evaluation.Decision.PASSED, "", when=date(2026, 3, 15))

    incubation.refresh_from_db()
    assert incubation.stage == Stage.IN_SHELL
    assert incubation.admitted_on == date(2026, 3, 15)
    assert incubation.in_shell_until == date(2027, 1, 15)  # 10 months, relativedelta

    growth = services.open_evaluation(
        staff, incubation, EvaluationKind.GROWTH, RubricFactory(), experts[:2], date(2027, 1, 30), date(2027, 1, 10)
    )
    score_all(growth, "0.7")
    services.close_evaluation(staff, growth)
    services.decide_evaluation(staff, growth, Evaluation.Decision.PASSED, when=date(2027, 1, 31))
    incubation.refresh_from_db()
    assert incubation.stage == Stage.FOLLOW_UP
    assert incubation.follow_up_until == date(2028, 1, 31)

    services.complete(staff, incubation, date(2028, 2, 1))
    incubation.refresh_from_db()
    assert incubation.stage == Stage.COMPLETED
    log = list(incubation.logs.values_list("action", "from_stage", "to_stage"))
    assert [a for a, _f, _t in log] == [
        "apply",
        "start_inspection",
        "start_admission_evaluation",
        "admit",
        "start_growth_evaluation",
        "exit_shell",
        "complete",
    ]
    assert log[3][1:] == (Stage.ADMISSION_EVALUATION, Stage.IN_SHELL)
    assert incubation.logs.get(action="start_inspection").by == staff
    assert Notification.objects.filter(recipient=applicant, kind="orgs_stage_admit").exists()


def test_site_configures_the_periods():
    staff = StaffFactory()
    org = OrganizationFactory(site=SiteFactory(in_shell_months=6))
    incubation = IncubationFactory(organization=org, stage=Stage.ADMISSION_EVALUATION)
    services.admit(staff, incubation, date(2026, 8, 31))
    incubation.refresh_from_db()
    assert incubation.in_shell_until == date(2027, 2, 28)  # month end handled by relativedelta


def test_stage_cannot_be_assigned_directly():
    incubation = IncubationFactory()
    with pytest.raises(AttributeError):
        incubation.stage = Stage.IN_SHELL


def test_failed_admission_evaluation_declines_and_tells_why():
    staff = StaffFactory()
    org = OrganizationFactory()
    incubation, applicant = submit(org)
    services.start_inspection(staff, incubation)
    evaluation = services.open_evaluation(
        staff,
        incubation,
        EvaluationKind.ADMISSION,
        RubricFactory(),
        ExpertFactory.create_batch(2),
        timezone.localdate(),
    )
    score_all(evaluation, "0.4")
    services.close_evaluation(staff, evaluation)
    evaluation.refresh_from_db()
    assert not evaluation.passes
    with pytest.raises(ValidationError):
        services.decide_evaluation(staff, evaluation, Evaluation.Decision.FAILED, "")
    services.decide_evaluation(staff, evaluation, Evaluation.Decision.FAILED, "团队不足三人")
    incubation.refresh_from_db()
    assert incubation.stage == Stage.DECLINED
    assert incubation.closing_reason == "团队不足三人"
    note = Notification.objects.get(recipient=applicant, kind="orgs_stage_decline")
    assert "团队不足三人" in note.body


def test_failed_growth_evaluation_gets_more_time():
    staff = StaffFactory()
    incubation = IncubationFactory(stage=Stage.GROWTH_EVALUATION, in_shell_until=date(2026, 5, 1))
    evaluation = Evaluation.objects.create(
        organization=incubation.organization,
        kind=EvaluationKind.GROWTH,
        rubric=RubricFactory(),
        due_on=date(2026, 5, 1),
    )
    expert = ExpertFactory()
    services.assign_expert(staff, evaluation, expert)
    score_all(evaluation, "0.5")
    services.close_evaluation(staff, evaluation)
    services.decide_evaluation(
        staff, evaluation, Evaluation.Decision.EXTENDED, "项目仍需完善", months=3, when=date(2026, 5, 10)
    )
    incubation.refresh_from_db()
    assert incubation.stage == Stage.IN_SHELL
    assert incubation.in_shell_until == date(2026, 8, 10)


def test_resident_track_skips_evaluations():
    staff = StaffFactory()
    org = OrganizationFactory(track=Track.RESIDENT)
    incubation = IncubationFactory(organization=org)
    services.start_inspection(staff, incubation)
    with pytest.raises(ValidationError):
        services.open_evaluation(staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), [], timezone.localdate())
    services.admit_resident(staff, incubation, 24, date(2026, 1, 1))
    incubation.refresh_from_db()
    assert incubation.stage == Stage.RESIDENT
    assert incubation.agreement_until == date(2028, 1, 1)
    assert incubation.stage_due_on == date(2028, 1, 1)


def test_closing_steps_need_a_reason_and_staff():
    staff = StaffFactory()
    incubation = IncubationFactory(stage=Stage.IN_SHELL)
    with pytest.raises(ValidationError):
        services.terminate(staff, incubation, "  ")
    with pytest.raises(PermissionDenied):
        services.terminate(applicant_of(incubation.organization), incubation, "不再参与")
    services.terminate(staff, incubation, "长期未开展活动")
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.TERMINATED
    with pytest.raises(ValidationError):
        services.start_inspection(staff, incubation)


class Boom(Exception):
    pass


def test_admission_signal_runs_inside_the_transaction(contribute):
    staff = StaffFactory()
    seen = []

    def follow(organization, by, when):
        seen.append((organization.pk, by, when, connection.in_atomic_block))

    contribute(Contribution(hooks={ORGANIZATION_ADMITTED: follow}))
    incubation = IncubationFactory(stage=Stage.ADMISSION_EVALUATION)
    services.admit(staff, incubation, date(2026, 4, 1))
    assert seen == [(incubation.organization_id, staff, date(2026, 4, 1), True)]


def test_a_failing_receiver_rolls_the_admission_back(contribute):
    staff = StaffFactory()
    incubation = IncubationFactory(stage=Stage.ADMISSION_EVALUATION)

    def follow(**kwargs):
        raise Boom

    contribute(Contribution(hooks={ORGANIZATION_ADMITTED: follow}))
    with pytest.raises(Boom):
        services.admit(staff, incubation, date(2026, 4, 1))
    incubation = Incubation.objects.get(pk=incubation.pk)
    assert incubation.stage == Stage.ADMISSION_EVALUATION
    assert incubation.admitted_on is None
    assert not incubation.logs.exists()


def test_resident_admission_also_sends_the_signal(contribute):
    seen = []
    contribute(Contribution(hooks={ORGANIZATION_ADMITTED: lambda **kw: seen.append(kw["organization"])}))
    incubation = IncubationFactory(organization=OrganizationFactory(track=Track.RESIDENT))
    services.admit_resident(StaffFactory(), incubation, 12)
    assert seen == [incubation.organization]


def test_an_application_is_submitted_once():
    org = OrganizationFactory()
    incubation, applicant = submit(org)
    application = org.applications.get()
    with pytest.raises(ValidationError):
        services.save_application(applicant, application, submit=True)


def test_only_the_organizations_own_applicant_can_save_its_application():
    org = OrganizationFactory()
    stranger = applicant_of()
    with pytest.raises(PermissionDenied):
        services.save_application(stranger, ApplicationFactory.build(organization=org))
