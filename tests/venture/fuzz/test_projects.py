"""Fuzzed input on a funded project: signing its agreement, paying its tranches, following it (coaching, reports,
evaluation experts) and its organization's report."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import (
    ExpertProfileFactory,
    applicant_of,
)
from tests.fuzz_strategies import (
    A_MONTH_AGO,
    WITNESS,
    assert_kept,
    assert_valid,
    dates,
    each_example,
    logged_in,
    mostly,
    references,
    text_or,
    uploads,
    valid_or,
)
from tests.fuzz_strategies import (
    FUZZ as FUZZ_FORM,
)
from tests.fuzz_strategies import (
    numbers as hostile_numbers,
)
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, past_round_dates, score_all, screened
from venture import services
from venture.models import (
    Agreement,
    Assignment,
    CoachingRecord,
    ProgressReport,
    Proposal,
    ReportDocument,
    ReviewKind,
    Tranche,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(staff):
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.9"))
    services.close_review(staff, round_)
    services.award(staff, proposal, Proposal.objects.get(pk=proposal.pk).requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    return Agreement.objects.get()


@FUZZ_FORM
@given(signed_on=valid_or(A_MONTH_AGO, dates))
def test_sign_form(agreement, staff_client, signed_on):
    with each_example():
        response = staff_client.post(reverse("venture:sign_agreement", args=[agreement.pk]), {"signed_on": signed_on})
        assert response.status_code in (200, 302)
        stored = Agreement.objects.get(pk=agreement.pk)
        if response.status_code == 200:  # refused: the date as typed is on the page again
            assert stored.signed_on is None
            if "\x00" not in signed_on:
                assert_kept(response, signed_on=signed_on)
        assert_valid([stored])
        assert stored.signed_on is None or stored.signed_on <= timezone.localdate()
        assert signed_on != A_MONTH_AGO or stored.signed_on.isoformat() == A_MONTH_AGO


@pytest.fixture
def running(agreement, staff):
    services.sign_agreement(staff, agreement, timezone.localdate())
    return agreement


@FUZZ_FORM
@given(paid_on=valid_or(A_MONTH_AGO, dates), exact=mostly, amount=hostile_numbers)
def test_payment_form(running, staff_client, paid_on, exact, amount):
    tranche = running.tranches.first()
    with each_example():
        data = {"paid_on": paid_on, "amount": str(tranche.amount) if exact else amount}
        response = staff_client.post(reverse("venture:record_payment", args=[tranche.pk]), data)
        assert response.status_code in (200, 302)
        stored = Tranche.objects.get(pk=tranche.pk)
        if response.status_code == 200:  # refused: what was typed is on the page again
            assert stored.state != Tranche.State.PAID
            assert_kept(response, **{k: v for k, v in data.items() if "\x00" not in v})
        assert_valid([stored])
        if stored.state == Tranche.State.PAID:
            assert stored.paid_amount == stored.amount and stored.paid_on <= timezone.localdate()
        assert not (exact and paid_on == A_MONTH_AGO) or stored.state == Tranche.State.PAID


@FUZZ_FORM
@given(on=valid_or(A_MONTH_AGO, dates))
def test_the_admins_payment_action_asks_a_date(running, staff_client, on):
    """The admin action's date form: any date typed is refused as the workbench refuses it, or pays in full."""
    tranche = running.tranches.first()
    data = {"action": "record_payments", "_selected_action": [tranche.pk], "apply": "1", "on": on}
    with each_example():
        response = staff_client.post(reverse("admin:venture_tranche_changelist"), data)
        assert response.status_code in (200, 302)
        stored = Tranche.objects.get(pk=tranche.pk)
        assert_valid([stored])
        if stored.state == Tranche.State.PAID:
            assert stored.paid_amount == stored.amount and stored.paid_on <= timezone.localdate()
        assert on != A_MONTH_AGO or stored.state == Tranche.State.PAID


@pytest.fixture
def evaluator_expert():
    return ExpertProfileFactory().user


@FUZZ_FORM
@given(
    action=st.sampled_from(["coaching", "report", "evaluators"]),
    kind=st.sampled_from(["site_visit", "phone", "training", "periodic", "midterm", "final", "", "\x00"]),
    on=valid_or(A_MONTH_AGO, dates),
    notes=text_or("实地查看培训现场"),
    evaluator=mostly,
    odd=references([]),
)
def test_coaching_schedule_and_evaluation_expert_forms(
    running, evaluator_expert, staff_client, action, kind, on, notes, evaluator, odd
):
    proposal = running.award.proposal
    experts = [str(evaluator_expert.pk)] if evaluator else odd
    data = {"action": action, "kind": kind, "on": on, "due_on": on, "notes": notes, "experts": experts}
    with each_example():
        command = {"coaching": "record_coaching", "report": "schedule_report", "evaluators": "assign_evaluators"}
        response = staff_client.post(reverse(f"venture:{command[action]}", args=[proposal.pk]), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:  # refused: the page again, with what was typed in that form
            assert not CoachingRecord.objects.exists() and not ProgressReport.objects.exists()
            if action == "coaching" and "\x00" not in notes:
                assert_kept(response, notes=notes)
        assert_valid(CoachingRecord.objects.all())
        assert_valid(ProgressReport.objects.all())
        assert_valid(Assignment.objects.filter(proposal=proposal).exclude(kind=ReviewKind.PROPOSAL))
        assert all(c.notes.strip() for c in CoachingRecord.objects.all())


@pytest.fixture
def report(running, staff):
    proposal = running.award.proposal
    return services.schedule_report(staff, proposal, "periodic", timezone.localdate())


@pytest.fixture
def report_client(report):
    return logged_in(applicant_of(report.proposal.organization))


@FUZZ_FORM
@given(
    activities_done=text_or(WITNESS),
    beneficiaries_reached=valid_or("35", hostile_numbers),
    spent=valid_or("11000", hostile_numbers),
    narrative=text_or("培训顺利"),
    upload=st.one_of(st.none(), uploads),
)
def test_report_form(
    report, report_client, small_uploads, activities_done, beneficiaries_reached, spent, narrative, upload
):
    client = report_client
    data = {
        "activities_done": activities_done,
        "beneficiaries_reached": beneficiaries_reached,
        "spent": spent,
        "narrative": narrative,
        "submit": "",  # the submit button (the other one keeps a draft)
    } | ({"attachment": upload.file()} if upload else {})
    with each_example():
        response = client.post(reverse("venture:report", args=[report.pk]), data)
        assert response.status_code in (200, 302)
        stored = ProgressReport.objects.get(pk=report.pk)
        assert_valid([stored])
        assert_valid(ReportDocument.objects.all())
        if response.status_code == 200:
            assert stored.submitted_at is None and not ReportDocument.objects.exists()
            assert_kept(response, activities_done=activities_done, narrative=narrative, spent=spent)
        else:
            assert stored.spent >= 0 and stored.beneficiaries_reached >= 0
            assert upload is None or upload.acceptable
