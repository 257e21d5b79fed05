"""The aggregated review: the panels' figures fifty proposals a page; closing the review (which ranks the
proposals) and reopening one expert's submitted review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator import scoring
from incubator.forms import run_command

from ... import selectors, services
from ...aggregation import aggregate
from ...forms import ReasonForm
from ...models import Proposal, Review, Round
from ..common import refused, run, staff_only
from ..proposal import proposal_page

# The aggregated review lists a round's proposals fifty to a page, best panel result first.
REVIEW_PAGE_SIZE = 50


def _review_rows(round_, page_number):
    """The panel figures of every reviewed proposal with its score and rank under the round's rule (the one
    computation, selectors.standings: provisional until the review closes, then what closing stored), best
    first (unreviewed last, by number); then one page of them, whose proposals alone are read whole."""
    result = aggregate(round_)
    numbers = selectors.reviewed_proposal_numbers(round_)
    standing = selectors.standings(round_, list(numbers), result)
    rows = [
        {
            "pk": pk,
            "panel": result.panels.get(pk),
            "standing": standing.get(pk),
            "totals": result.totals.get(pk, {}),
            "z": result.z_scores.get(pk),
            "z_rank": result.z_rank.get(pk),
        }
        for pk in numbers
    ]
    rows.sort(key=lambda r: (r["standing"] is None, r["standing"].rank if r["standing"] else 0, numbers[r["pk"]]))
    page = Paginator(rows, REVIEW_PAGE_SIZE).get_page(page_number)
    proposals = selectors.proposals_by_pk(round_, [row["pk"] for row in page])
    for row in page:
        row["proposal"] = proposals[row["pk"]]
    experts = [(result.experts[pk], value) for pk, value in result.leniency.items()]
    return page, experts


def _review_page(request, round_, override_form=None, override_proposal=None):
    page, experts = _review_rows(round_, request.GET.get("page"))
    return render(
        request,
        "venture/staff_review.html",
        {
            "round": round_,
            "page": page,
            "experts": sorted(experts, key=lambda e: e[1] or 0),
            "pending": selectors.pending_review_count(round_),
            "shortfall": selectors.review_shortfall(round_) if not round_.review_closed else [],
            "override_form": override_form,
            "override_proposal": override_proposal,
            "trim_from": scoring.TRIM_FROM_PANEL_SIZE,
            "disagreement": scoring.DISAGREEMENT_SPREAD,
        },
    )


@staff_only
@require_safe
def review(request, pk):
    return _review_page(request, get_object_or_404(Round, pk=pk))


@staff_only
@require_POST
def allow_short_review(request, pk):
    """Record that the review may close with this proposal short of reviews. Refused (no reason, nothing
    short, already closed), the review page says why with the reason as typed."""
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk)
    form = ReasonForm(request.POST)
    return run_command(
        request,
        form,
        lambda data: services.allow_short_review(request.user, proposal, data["reason"]),
        done=redirect(f"{reverse('venture:staff_review', args=[proposal.round_id])}#shortfall"),
        again=lambda: _review_page(request, proposal.round, form, proposal.pk),
        success=_("Override recorded: the review may close with this proposal short of reviews."),
    )


@staff_only
@require_POST
def close_review(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    run(request, services.close_review, round_, success=_("Review closed: proposals are ranked."))
    return redirect("venture:staff_review", pk=pk)


@staff_only
@require_POST
def reopen_review(request, pk):
    """Reopen an expert's submitted review, with the reason the expert is told. Refused, the proposal's page
    comes back with the reason as typed."""
    review_ = get_object_or_404(Review.objects.select_related("assignment"), pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_review(request.user, review_, form.cleaned_data["reason"])
        except ValidationError as error:
            refused(request, error)
        else:
            messages.success(request, _("Review reopened."))
            return redirect("venture:proposal", pk=review_.assignment.proposal_id)
    else:
        messages.error(request, _("Give the reason for reopening."))
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=review_.assignment.proposal_id)
    return proposal_page(request, proposal, True, reason_form=form, reopening=review_.pk)
