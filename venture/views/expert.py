"""The expert's review portal: my assignments; for each, the conflict declaration (before anything of the
proposal is seen) and then the proposal with the scoring form (without identity in a blind round)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import apply_errors
from orgs.selectors import pledge_pending

from .. import selectors, services
from ..aggregation import aggregate
from ..exports import expert_score_sheet, xlsx_response
from ..forms import DeclarationForm, ReviewForm
from ..models import Assignment, ReviewKind
from ..permissions import sees_identity
from .common import expert_only


@login_required
@require_safe
def portal(request):
    expert_only(request)
    assignments = list(selectors.expert_portal_rows(request.user))
    # What still needs the expert comes first; the submitted reviews of past rounds fold away below it.
    pending, done = [], []
    for assignment in assignments:
        review = getattr(assignment, "review", None)
        (done if review is not None and review.is_submitted else pending).append(assignment)
    return render(
        request,
        "venture/expert_portal.html",
        {"pending": pending, "done": done, "total": len(assignments)},
    )


@login_required
@require_safe
def my_score_sheet(request):
    """The expert's own scores, without identity wherever the round is blind."""
    expert_only(request)
    return xlsx_response(expert_score_sheet(request.user), "my-scores.xlsx")


def _assignment(request, pk, kind):
    expert_only(request)
    if kind not in ReviewKind.values:
        raise Http404
    return get_object_or_404(selectors.expert_assignments(request.user, kind), proposal_id=pk)


def _scoring_url(assignment):
    return reverse("venture:expert_evaluation", args=[assignment.proposal_id, assignment.kind])


def _pledge_first(request, assignment, back):
    """Every expert of the panel, drawn or assigned by hand, sees nothing of the proposal, not even the
    declaration, before accepting the pledge: sent to it, and then `back`. None once accepted."""
    pledge = pledge_pending(request.user, assignment.proposal.round)
    if pledge is None:
        return None
    return redirect(f"{pledge}?next={back}")


# -- the declaration -------------------------------------------------------------------------------------------


def _declaration_page(request, assignment, form):
    """Only the code and title (and the applicant in an open round), and the declaration form."""
    context = {"assignment": assignment, "proposal": assignment.proposal, "form": form}
    return render(request, "venture/expert_declare.html", context)


@login_required
@require_safe
def declaration(request, pk, kind):
    assignment = _assignment(request, pk, kind)
    if (pledge := _pledge_first(request, assignment, request.path)) is not None:
        return pledge
    if assignment.conflict != Assignment.Conflict.UNDECLARED:
        return redirect(_scoring_url(assignment))
    return _declaration_page(request, assignment, DeclarationForm())


@login_required
@require_POST
def declare_conflict(request, pk, kind):
    """No conflict opens the proposal; a conflict recuses the expert from it for good. Refused, the
    declaration comes back with what was chosen and why."""
    assignment = _assignment(request, pk, kind)
    if (pledge := _pledge_first(request, assignment, _scoring_url(assignment))) is not None:
        return pledge
    form = DeclarationForm(request.POST)
    if form.is_valid():
        conflict = form.cleaned_data["conflict"]
        try:
            services.declare_conflict(request.user, assignment, conflict, form.cleaned_data["conflict_note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if conflict:
                messages.info(request, _("You are recused from this proposal; it is removed from your list."))
                return redirect("venture:expert_portal")
            return redirect(_scoring_url(assignment))
    return _declaration_page(request, assignment, form)


# -- the proposal and its scores ---------------------------------------------------------------------------------


def _review_of(assignment):
    """The expert's review with its scores, or None before the first save (a page view writes nothing)."""
    review = selectors.review_of(assignment)
    return selectors.with_scores(review) if review is not None else None


def _criteria(assignment):
    return list(assignment.rubric.criteria.all())


def _scoring_page(request, assignment, review, form):
    proposal = assignment.proposal
    show_identity = sees_identity(request.user, proposal.round)
    documents = [d for d in proposal.documents.all() if show_identity or not d.identifying]
    panel = None
    closed = proposal.round.review_closed and assignment.kind == ReviewKind.PROPOSAL
    if closed:
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
            "closed": closed,
            "kind": assignment.kind,
        },
    )


@login_required
@require_safe
def proposal(request, pk, kind=ReviewKind.PROPOSAL):
    """The proposal and the scoring form, once the expert has declared no conflict."""
    assignment = _assignment(request, pk, kind)
    if (pledge := _pledge_first(request, assignment, request.path)) is not None:
        return pledge
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        return redirect("venture:expert_declaration", pk=pk, kind=kind)
    review = _review_of(assignment)
    form = ReviewForm(criteria=_criteria(assignment), initial=ReviewForm.initial_from(review))
    return _scoring_page(request, assignment, review, form)


def _save_review(request, pk, kind, submit):
    """Save the scores as a draft, or submit them (locked then). Refused, the page comes back with the scores
    and comments as typed and why."""
    assignment = _assignment(request, pk, kind)
    if (pledge := _pledge_first(request, assignment, _scoring_url(assignment))) is not None:
        return pledge
    if assignment.conflict == Assignment.Conflict.UNDECLARED:
        return redirect("venture:expert_declaration", pk=pk, kind=kind)
    form = ReviewForm(request.POST, criteria=_criteria(assignment))
    if form.is_valid():
        try:
            services.save_review(
                request.user, assignment, form.scores(), form.cleaned_data["overall_comment"], submit=submit
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Review submitted.") if submit else _("Draft saved."))
            return redirect(_scoring_url(assignment))
    return _scoring_page(request, assignment, _review_of(assignment), form)


@login_required
@require_POST
def save_review(request, pk, kind):
    return _save_review(request, pk, kind, submit=False)


@login_required
@require_POST
def submit_review(request, pk, kind):
    return _save_review(request, pk, kind, submit=True)
