"""Agreements and their tranches: opening them from the round's plan, signing, releasing, stopping and paying.
The workbench, the admin's actions and the evaluations all come here; each tranche moves only by its declared
transitions, with who did it in its history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.services import interpolate, notify
from orgs.selectors import confirmed_applicants_of

from ..models import Agreement, Tranche, TrancheCondition
from ..permissions import is_park_staff
from .common import CENT, parse_amount, proposal_url, save_logged


def open_agreement(award_, plan):
    agreement = Agreement.objects.create(award=award_, number=f"{award_.proposal.code}-XY")
    amounts = [(award_.amount * item.percentage / 100).quantize(CENT) for item in plan]
    if amounts:
        amounts[-1] += award_.amount - sum(amounts)  # rounding cents go to the last tranche
    Tranche.objects.bulk_create(
        Tranche(agreement=agreement, order=i, percentage=item.percentage, condition=item.condition, amount=amount)
        for i, (item, amount) in enumerate(zip(plan, amounts, strict=True), start=1)
    )
    return agreement


def release_tranches(agreement, condition, by):
    """A condition is met: its waiting tranches may now be paid."""
    tranches = Tranche.objects.select_for_update().filter(
        agreement=agreement, condition=condition, state=Tranche.State.WAITING
    )
    for tranche in tranches:
        tranche.release()
        save_logged(tranche, by, f"released: {condition}")
    return len(tranches)


def stop_tranches(agreement, conditions, by):
    """A failed evaluation: the tranches that depend on it are never paid."""
    tranches = Tranche.objects.select_for_update().filter(
        agreement=agreement, condition__in=conditions, state__in=Tranche.State.unsettled()
    )
    for tranche in tranches:
        tranche.stop()
        save_logged(tranche, by, "stopped")
    return len(tranches)


@transaction.atomic
def sign_agreement(by, agreement, signed_on):
    if not is_park_staff(by):
        raise PermissionDenied
    agreement = (
        Agreement.objects.select_for_update(of=("self",)).select_related("award__proposal__round").get(pk=agreement.pk)
    )
    proposal = agreement.award.proposal
    if not can_proceed(proposal.sign):
        raise ValidationError(_("Only a final award can be signed."))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    agreement.signed_on = signed_on
    save_logged(agreement, by, "signed")
    proposal.sign()
    save_logged(proposal, by, "agreement signed")
    release_tranches(agreement, TrancheCondition.SIGNING, by)
    notify(
        confirmed_applicants_of(proposal.organization_id),
        "venture_agreement_signed",
        interpolate(
            _("Agreement %(number)s for %(code)s is signed"), {"number": agreement.number, "code": proposal.code}
        ),
        interpolate(
            _("Signed on %(date)s. The project page shows the tranches and when each is paid."),
            {"date": signed_on.isoformat()},
        ),
        proposal_url(proposal),
    )
    return agreement


@transaction.atomic
def record_payment(by, tranche, paid_on, amount):
    """Record the payment of a released tranche; the first payment starts the project."""
    if not is_park_staff(by):
        raise PermissionDenied
    tranche = (
        Tranche.objects.select_for_update(of=("self",)).select_related("agreement__award__proposal").get(pk=tranche.pk)
    )
    amount = parse_amount(amount)
    if not can_proceed(tranche.pay):
        raise ValidationError(_("This tranche is not released: its condition is not met."))
    if amount != tranche.amount:
        raise ValidationError({"amount": gettext("This tranche is ¥%(amount)s.") % {"amount": tranche.amount}})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    tranche.pay(paid_on, by)
    save_logged(tranche, by, "paid")
    proposal = tranche.agreement.award.proposal
    if can_proceed(proposal.start):
        proposal.start()
        save_logged(proposal, by, "project started")
    notify(
        confirmed_applicants_of(proposal.organization_id),
        "venture_payment",
        interpolate(
            _("Tranche %(order)s of %(code)s is paid: ¥%(amount)s"),
            {"order": tranche.order, "code": proposal.code, "amount": tranche.paid_amount},
        ),
        interpolate(_("Paid on %(date)s."), {"date": paid_on.isoformat()}),
        proposal_url(proposal),
    )
    return tranche
