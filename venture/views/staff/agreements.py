"""Agreements and tranches: recording the signing of an agreement and the payment of a released tranche."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ... import selectors, services
from ...forms import PaymentForm, SignForm
from ...models import Agreement, Round, Tranche
from ..common import refused, staff_only


def _agreements_page(request, round_, typed=None):
    """The agreements; `typed` ({"sign": agreement pk} or {"pay": tranche pk}, with "data") shows a refused
    signing or payment again with what staff typed."""
    return render(
        request,
        "venture/staff_agreements.html",
        {
            "round": round_,
            "agreements": selectors.agreements_of(round_),
            "money": selectors.money_summary(round_),
            "typed": typed or {},
        },
    )


@staff_only
@require_safe
def agreements(request, pk):
    return _agreements_page(request, get_object_or_404(Round, pk=pk))


@staff_only
@require_POST
def sign_agreement(request, pk):
    agreement = get_object_or_404(Agreement.objects.select_related("award__round"), pk=pk)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.sign_agreement(request.user, agreement, form.cleaned_data["signed_on"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Agreement signed."))
            return redirect("venture:staff_agreements", pk=agreement.award.round_id)
    else:
        messages.error(request, _("Enter the signing date."))
    return _agreements_page(request, agreement.award.round, {"sign": agreement.pk, "data": request.POST})


@staff_only
@require_POST
def record_payment(request, pk):
    tranche = get_object_or_404(Tranche.objects.select_related("agreement__award__round"), pk=pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(request.user, tranche, form.cleaned_data["paid_on"], form.cleaned_data["amount"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("venture:staff_agreements", pk=tranche.agreement.award.round_id)
    else:
        messages.error(request, _("Enter the payment date and amount."))
    return _agreements_page(request, tranche.agreement.award.round, {"pay": tranche.pk, "data": request.POST})
