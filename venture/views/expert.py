"""The expert's review portal: my assignments, the conflict declaration, the proposal and the scoring form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from orgs.selectors import pledge_pending

from .. import selectors, services
from ..aggregation import aggregate
from ..exports import expert_score_sheet, xlsx_response
from ..forms import DeclarationForm, ReviewForm, apply_errors
from ..models import Assignment, ReviewKind, Score
from ..permissions import sees_identity


def _expert_only(request):
    if not request.user.is_expert:
        raise Http404


@login_required
def portal(request):
    _expert_only(request)
    assignments = list(selectors.expert_portal_rows(request.user))
    done = sum(1 for a in assignments if getattr(a, "review", None) and a.review.is_submitted)
    return render(request, "venture/expert_portal.html", {"assignments": assignments, "done": done})


def _assignment(request, pk, kind):
    _expert_only(request)
    if kind not in ReviewKind.values:
        raise Http404
    return get_object_or_404(
        selectors.active_assignments(request.user, kind).select_related(
            "proposal__round__rubric", "proposal__organization"
        ),
        proposal_id=pk,
    )


@login_required
def proposal(request, pk, kind=ReviewKind.PROPOSAL):
    """Before the declaration: only the code and title, and the declaration form. After: the proposal
    (without identity in a blind round) and the scoring form."""
    assignment = _assignment(request, pk, kind)
    proposal = assignment.proposal
    # A drawn expert sees nothing of the proposal, not even the declaration, before accepting the pledge.
    seat = pledge_pending(request.user, proposal.round)
    if seat is not None:
        return redirect(f"{reverse('orgs:pledge', args=[seat.pk])}?next={request.path}")
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        form = DeclarationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.declare_conflict(
                    request.user, assignment, form.cleaned_data["conflict"], form.cleaned_data["conflict_note"]
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if form.cleaned_data["conflict"]:
                    messages.info(request, _("You are recused from this proposal; it is removed from your list."))
                    return redirect("venture:expert_portal")
                return redirect(request.path)
        return render(
            request, "venture/expert_declare.html", {"assignment": assignment, "proposal": proposal, "form": form}
        )
    review = services.review_for(assignment)
    # One query for the scores with their criteria (the form's initial values and the locked summary).
    prefetch_related_objects([review], Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    criteria = list(proposal.round.rubric.criteria.all())
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        initial=ReviewForm.initial_from(review) if request.method != "POST" else None,
    )
    if request.method == "POST" and not review.is_submitted and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.save_review(
                request.user, assignment, form.scores(), form.cleaned_data["overall_comment"], submit=submit
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Review submitted.") if submit else _("Draft saved."))
            return redirect(request.path)
    show_identity = sees_identity(request.user, proposal.round)
    documents = [d for d in proposal.documents.all() if show_identity or not d.identifying]
    panel = None
    if proposal.round.review_closed and kind == ReviewKind.PROPOSAL:
        # Only once the review is closed does the expert see how the panel scored.
        panel = aggregate(proposal.round, proposal_ids=[proposal.pk]).panels.get(proposal.pk)
    return render(
        request,
        "venture/expert_proposal.html",
        {
            "assignment": assignment,
            "proposal": proposal,
            "review": review,
            "form": form,
            "show_identity": show_identity,
            "documents": documents,
            "budget_lines": proposal.budget_lines.all(),
            "activities": proposal.activities.all(),
            "panel": panel,
            "kind": kind,
        },
    )


@login_required
def my_score_sheet(request):
    """The expert's own scores, without identity wherever the round is blind."""
    _expert_only(request)
    return xlsx_response(expert_score_sheet(request.user), "my-scores.xlsx")
