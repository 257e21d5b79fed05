"""The expert portal: the evaluations assigned to me, scoring, declaring a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator import files
from incubator.forms import apply_errors

from .. import selectors, services
from ..forms import ConflictForm, ScoreForm
from ..models import Evaluation


# -- expert portal -------------------------------------------------------------------------------------------
@login_required
def expert_home(request):
    if not request.user.is_expert:
        raise Http404
    return render(
        request,
        "orgs/expert_home.html",
        {"assignments": selectors.expert_home_rows(request.user), "seats": selectors.seats_of(request.user)},
    )


def _pledge_first(request, assignment):
    """An expert of the panel, drawn or chosen by staff, sees nothing of the evaluation until they accept the
    panel's pledge."""
    pledge = selectors.pledge_pending(request.user, assignment.evaluation)
    if pledge is None:
        return None
    # After the pledge the expert comes back to the page they asked for; a post, to the assignment's page.
    back = (
        request.path if request.method in ("GET", "HEAD") else reverse("orgs:expert_assignment", args=[assignment.pk])
    )
    return redirect(f"{pledge}?next={back}")


def _score_form(assignment, data=None):
    own = {s.criterion_id: s.value for s in assignment.scores.all()}
    return ScoreForm(
        data,
        criteria=assignment.evaluation.rubric.criteria.all(),
        initial_scores=own,
        initial={"comment": assignment.comment},
    )


def _assignment_page(request, assignment, form=None, conflict_form=None):
    """The assignment's page; a form the expert posted comes back bound, with what they typed and why not."""
    evaluation = assignment.evaluation
    # Other experts' totals only once scoring is closed, and without their names.
    panel = None
    if evaluation.status != Evaluation.Status.OPEN:
        panel = sorted(a.total for a in evaluation.assignments.all() if a.is_active and a.total is not None)
    return render(
        request,
        "orgs/expert_assignment.html",
        {
            "assignment": assignment,
            "evaluation": evaluation,
            "form": form or _score_form(assignment),
            "conflict_form": conflict_form or ConflictForm(),
            "panel_totals": panel,
            "documents": evaluation.organization.documents.all(),
        },
    )


def _own_assignment(request, pk):
    return get_object_or_404(selectors.assignments_for_expert(request.user), pk=pk)


@login_required
@require_safe
def expert_assignment(request, pk):
    assignment = _own_assignment(request, pk)
    return _pledge_first(request, assignment) or _assignment_page(request, assignment)


@login_required
@require_POST
def expert_score(request, pk):
    assignment = _own_assignment(request, pk)
    if pledge := _pledge_first(request, assignment):
        return pledge
    form = _score_form(assignment, request.POST)
    if form.is_valid():
        try:
            services.submit_scores(request.user, assignment, form.scores(), form.cleaned_data["comment"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("orgs:expert_assignment", assignment.pk)
    return _assignment_page(request, assignment, form=form)


@login_required
@require_POST
def expert_conflict(request, pk):
    assignment = _own_assignment(request, pk)
    if pledge := _pledge_first(request, assignment):
        return pledge
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.declare_conflict(request.user, assignment, form.cleaned_data["note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.info(request, _("Thank you. Park staff will replace you on this panel."))
            return redirect("orgs:expert_home")
    return _assignment_page(request, assignment, conflict_form=form)


@login_required
def expert_document(request, assignment_pk, pk):
    """An assigned expert reads the organization's documents."""
    assignment = _own_assignment(request, assignment_pk)
    if pledge := _pledge_first(request, assignment):
        return pledge
    document = get_object_or_404(assignment.evaluation.organization.documents.all(), pk=pk)
    return files.serve(document)
