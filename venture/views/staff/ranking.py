"""Ranking and allocation: funding in rank order within the pool (in part with a reason), passing over with a
reason, cancelling a proposed award, and publishing the announcement (公示) of the proposed awards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ... import selectors, services
from ...forms import AwardForm, PublishForm, ReasonForm
from ...models import Proposal, Round
from ..common import refused, run, staff_only


def _ranking_page(request, round_, typed=None, publish_form=None):
    """The ranking; `typed` ({"pk", "action", "form"}) shows a refused award or pass-over on its row again,
    with what staff typed and why it was refused; `publish_form` the refused publication as ticked."""
    return render(
        request,
        "venture/staff_ranking.html",
        {
            "round": round_,
            "rows": selectors.ranking_rows(round_),
            "money": selectors.money_summary(round_),
            "typed": typed or {},
            "publish_form": publish_form or PublishForm(),
        },
    )


@staff_only
@require_safe
def ranking(request, pk):
    return _ranking_page(request, get_object_or_404(Round, pk=pk))


def _ranked(pk):
    return get_object_or_404(Proposal.objects.select_related("round"), pk=pk)


@staff_only
@require_POST
def award(request, pk):
    """Fund a proposal (in part, with the reason). Refused, the ranking comes back with the amount and reason
    as typed on its row."""
    proposal = _ranked(pk)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            services.award(request.user, proposal, form.cleaned_data["amount"], form.cleaned_data["reason"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Award proposed."))
            return redirect("venture:staff_ranking", pk=proposal.round_id)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return _ranking_page(request, proposal.round, {"pk": proposal.pk, "action": "award", "form": form})


@staff_only
@require_POST
def pass_over(request, pk):
    """Pass a proposal over, with the reason. Refused, the ranking comes back with the reason as typed."""
    proposal = _ranked(pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.pass_over(request.user, proposal, form.cleaned_data["reason"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Passed over."))
            return redirect("venture:staff_ranking", pk=proposal.round_id)
    else:
        messages.error(request, _("Give the reason for not funding this proposal."))
    return _ranking_page(request, proposal.round, {"pk": proposal.pk, "action": "pass", "form": form})


@staff_only
@require_POST
def cancel_award(request, pk):
    proposal = _ranked(pk)
    run(request, services.cancel_award, proposal, success=_("Award cancelled."))
    return redirect("venture:staff_ranking", pk=proposal.round_id)


@staff_only
@require_POST
def publish_announcement(request, pk):
    """Published, staff follow the announcement's objections; refused, the ranking says why."""
    round_ = get_object_or_404(Round, pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.publish_announcement(request.user, round_, form.cleaned_data["window_from_now"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Announcement published."))
            return redirect("venture:staff_objections", pk=pk)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return _ranking_page(request, round_, publish_form=form)
