"""A tranche moves only by its declared workflow (waiting → released → paid, or stopped), with who did it in its
history, through every door: the service, the workbench, the admin's change forms and its actions. No Celery job
releases or pays a tranche."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from incubator.models import Notification
from tests.venture.funded import final_award
from venture import selectors, services
from venture.models import Award, ProposalState, Tranche

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def funded(staff):
    return final_award(staff)


def test_the_state_is_changed_only_by_a_transition(funded):
    _proposal, agreement, _applicant = funded
    tranche = agreement.tranches.first()
    with pytest.raises(AttributeError):
        tranche.state = Tranche.State.PAID


def test_signing_releases_the_first_tranche_and_paying_it_is_recorded_with_who(funded, staff):
    proposal, agreement, applicant = funded
    first, midterm, _final = agreement.tranches.all()
    with pytest.raises(ValidationError, match="拨款条件尚未满足"):
        services.record_payment(staff, first, TODAY(), first.amount)
    services.sign_agreement(staff, agreement, TODAY())
    first.refresh_from_db()
    assert first.state == Tranche.State.RELEASED and first.released_at is not None
    assert first.history.first().history_user == staff
    services.record_payment(staff, first, TODAY(), first.amount)
    first.refresh_from_db()
    assert (first.state, first.paid_amount, first.recorded_by) == (Tranche.State.PAID, Decimal("12500.00"), staff)
    assert [h.history_change_reason for h in first.history.order_by("history_id")][-2:] == [
        "released: signing",
        "paid",
    ]
    with pytest.raises(ValidationError, match="拨款条件尚未满足"):
        services.record_payment(staff, first, TODAY(), first.amount)  # paid once only
    with pytest.raises(ValidationError, match="拨款条件尚未满足"):
        services.record_payment(staff, midterm, TODAY(), midterm.amount)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_PROGRESS


def test_the_applicant_is_told_of_the_signing_and_of_each_payment(funded, staff):
    _proposal, agreement, applicant = funded
    services.sign_agreement(staff, agreement, TODAY())
    first = agreement.tranches.first()
    services.record_payment(staff, first, TODAY(), first.amount)
    signed = Notification.objects.get(recipient=applicant, kind="venture_agreement_signed")
    paid = Notification.objects.get(recipient=applicant, kind="venture_payment")
    assert agreement.number in signed.title
    assert "12500.00" in paid.title


def test_the_workbench_refuses_to_pay_a_tranche_waiting_for_its_condition(client, funded, staff):
    _proposal, agreement, _applicant = funded
    services.sign_agreement(staff, agreement, TODAY())
    midterm = agreement.tranches.get(order=2)
    client.force_login(staff)
    response = client.post(
        reverse("venture:record_payment", args=[midterm.pk]), {"paid_on": TODAY().isoformat(), "amount": "7500"}
    )
    assert "拨款条件尚未满足" in response.content.decode()
    midterm.refresh_from_db()
    assert midterm.state == Tranche.State.WAITING


def test_the_admin_change_form_cannot_pay_a_tranche(client, funded, staff):
    """Today's door to a wrong paid total: staff set a waiting tranche to paid with any amount."""
    _proposal, agreement, _applicant = funded
    tranche = agreement.tranches.get(order=2)
    client.force_login(staff)
    url = reverse("admin:venture_tranche_change", args=[tranche.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"state": "paid", "paid_on": TODAY().isoformat(), "paid_amount": "232999", "amount": "232999"})
    tranche.refresh_from_db()
    assert (tranche.state, tranche.paid_amount, tranche.amount) == (Tranche.State.WAITING, None, Decimal("7500.00"))
    assert selectors.money_summary(agreement.award.round)["paid"] == 0


def test_the_agreements_admin_cannot_change_its_tranches_or_its_signing(client, funded, staff):
    _proposal, agreement, _applicant = funded
    tranche = agreement.tranches.get(order=1)
    client.force_login(staff)
    url = reverse("admin:venture_agreement_change", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'name="tranches-0-state"' not in page and 'name="signed_on"' not in page
    client.post(
        url,
        {
            "signed_on": TODAY().isoformat(),
            "tranches-TOTAL_FORMS": "1",
            "tranches-INITIAL_FORMS": "1",
            "tranches-0-id": tranche.pk,
            "tranches-0-state": "paid",
            "tranches-0-paid_amount": "232999",
        },
    )
    agreement.refresh_from_db()
    tranche.refresh_from_db()
    assert agreement.signed_on is None and tranche.state == Tranche.State.WAITING


def _action(client, model, name, records, on):
    return client.post(
        reverse(f"admin:venture_{model}_changelist"),
        {"action": name, "_selected_action": [r.pk for r in records], "apply": "1", "on": on.isoformat()},
        follow=True,
    )


def test_the_admin_actions_sign_and_pay_through_the_services_with_their_refusals(client, funded, staff):
    proposal, agreement, applicant = funded
    first, midterm, _final = agreement.tranches.all()
    client.force_login(staff)
    asked = client.post(
        reverse("admin:venture_tranche_changelist"), {"action": "record_payments", "_selected_action": [first.pk]}
    )
    assert asked.status_code == 200 and 'name="on"' in asked.content.decode()  # asks for the date first

    refused = _action(client, "tranche", "record_payments", [first], TODAY())
    assert "拨款条件尚未满足" in refused.content.decode()
    first.refresh_from_db()
    assert first.state == Tranche.State.WAITING

    future = _action(client, "agreement", "sign_agreements", [agreement], TODAY() + timezone.timedelta(days=3))
    assert "签约日期不能晚于今天" in future.content.decode()
    signed_on = TODAY() - timezone.timedelta(days=2)
    _action(client, "agreement", "sign_agreements", [agreement], signed_on)
    agreement.refresh_from_db()
    assert agreement.signed_on == signed_on
    assert Notification.objects.filter(recipient=applicant, kind="venture_agreement_signed").exists()

    page = _action(client, "tranche", "record_payments", [first, midterm], TODAY()).content.decode()
    first.refresh_from_db()
    midterm.refresh_from_db()
    assert (first.state, first.paid_amount, first.paid_on) == (Tranche.State.PAID, first.amount, TODAY())
    assert midterm.state == Tranche.State.WAITING and "拨款条件尚未满足" in page
    assert first.history.first().history_user == staff
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_PROGRESS


def test_an_award_is_not_added_in_the_admin(client, funded, staff):
    """Adding an award in the admin answered 500: awards are made on the ranking page, through the service."""
    _proposal, agreement, _applicant = funded
    client.force_login(staff)
    assert client.get(reverse("admin:venture_award_add")).status_code == 403
    assert client.post(reverse("admin:venture_award_add"), {"amount": "1000"}).status_code == 403
    change = reverse("admin:venture_award_change", args=[agreement.award.pk])
    assert client.get(change).status_code == 200
    client.post(change, {"amount": "1", "partial_reason": "x"})
    assert Award.objects.get().amount == Decimal("25000.00")


def test_a_failed_evaluation_stops_the_tranches_with_who_stopped_them(funded, staff):
    _proposal, agreement, _applicant = funded
    services.sign_agreement(staff, agreement, TODAY())
    services.agreements.stop_tranches(agreement, ["midterm", "final"], staff)
    stopped = agreement.tranches.filter(state=Tranche.State.STOPPED)
    assert stopped.count() == 2
    assert all(t.history.first().history_user == staff for t in stopped)
