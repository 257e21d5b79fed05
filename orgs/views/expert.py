"""The expert portal: the evaluations assigned to me, scoring, declaring a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from incubator import files

from .. import selectors, services
from ..forms import (
    ConflictForm,
    ScoreForm,
)
from ..models import Evaluation
from .common import error_into_form


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
    """A drawn expert sees nothing of the evaluation until they accept the panel's pledge."""
    seat = selectors.pledge_pending(request.user, assignment.evaluation)
    if seat is not None:
        return redirect(f"{reverse('orgs:pledge', args=[seat.pk])}?next={request.path}")
    return None


@login_required
def expert_assignment(request, pk):
    assignment = get_object_or_404(selectors.assignments_for_expert(request.user), pk=pk)
    if pledge := _pledge_first(request, assignment):
        return pledge
    evaluation = assignment.evaluation
    criteria = list(evaluation.rubric.criteria.all())
    own = {s.criterion_id: s.value for s in assignment.scores.all()}
    form = ScoreForm(
        request.POST if "score" in request.POST else None,
        criteria=criteria,
        initial_scores=own,
        initial={"comment": assignment.comment},
    )
    conflict_form = ConflictForm(request.POST if "conflict" in request.POST else None)
    if request.method == "POST" and "score" in request.POST and form.is_valid():
        try:
            services.submit_scores(request.user, assignment, form.scores(), form.cleaned_data["comment"])
        except ValidationError as error:
            error_into_form(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("orgs:expert_assignment", assignment.pk)
    if request.method == "POST" and "conflict" in request.POST and conflict_form.is_valid():
        services.declare_conflict(request.user, assignment, conflict_form.cleaned_data["note"])
        messages.info(request, _("Thank you. Park staff will replace you on this panel."))
        return redirect("orgs:expert_home")
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
            "form": form,
            "conflict_form": conflict_form,
            "panel_totals": panel,
            "documents": evaluation.organization.documents.all(),
        },
    )


@login_required
def expert_document(request, assignment_pk, pk):
    """An assigned expert reads the organization's documents."""
    assignment = get_object_or_404(selectors.assignments_for_expert(request.user), pk=assignment_pk)
    if pledge := _pledge_first(request, assignment):
        return pledge
    document = get_object_or_404(assignment.evaluation.organization.documents.all(), pk=pk)
    return files.serve(document)
