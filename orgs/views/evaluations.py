"""Stage evaluations for staff: every score, the panel result, replacing experts, closing, deciding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.forms import row_named

from .. import selectors, services
from ..forms import (
    DecisionForm,
    ReplaceExpertForm,
)
from ..models import Evaluation
from .common import rendered_panels


# -- stage evaluations (staff) -------------------------------------------------------------------------------
def _staff_evaluation(request, pk):
    try:
        return selectors.evaluation_for_staff(request.user, pk)
    except Evaluation.DoesNotExist as error:
        raise Http404 from error


@login_required
def evaluation(request, pk, **bound):
    evaluation = _staff_evaluation(request, pk)
    criteria = list(evaluation.rubric.criteria.all())
    rows = []
    for assignment in evaluation.assignments.all():
        scores = {s.criterion_id: s.value for s in assignment.scores.all()}
        rows.append({"assignment": assignment, "scores": [scores.get(c.pk) for c in criteria]})
    return render(
        request,
        "orgs/evaluation.html",
        {
            "evaluation": evaluation,
            "criteria": criteria,
            "rows": rows,
            "panel": services.panel_of(evaluation),
            "replace_form": bound.get("replace") or ReplaceExpertForm(evaluation=evaluation),
            "assign_form": bound.get("assign") or ReplaceExpertForm(evaluation=evaluation, prefix="assign"),
            "decision_form": bound.get("decision") or DecisionForm(evaluation=evaluation),
            "panels": rendered_panels("evaluation", request, evaluation),
            "history": evaluation.history.select_related("history_user")[:20],
        },
    )


@login_required
@require_POST
def evaluation_action(request, pk, step):
    ev = _staff_evaluation(request, pk)
    try:
        if step == "close":
            services.close_evaluation(request.user, ev)
        elif step == "assign":
            form = ReplaceExpertForm(request.POST, evaluation=ev, prefix="assign")
            if not form.is_valid():
                return evaluation(request, pk, assign=form)
            services.assign_expert(request.user, ev, form.cleaned_data["expert"])
        elif step == "replace":
            form = ReplaceExpertForm(request.POST, evaluation=ev)
            assignment = row_named(ev.assignments.all(), request.POST.get("assignment"))
            if not form.is_valid():
                return evaluation(request, pk, replace=form)
            services.replace_expert(request.user, assignment, form.cleaned_data["expert"])
        elif step == "decide":
            form = DecisionForm(request.POST, evaluation=ev)
            if not form.is_valid():
                return evaluation(request, pk, decision=form)
            data = form.cleaned_data
            services.decide_evaluation(request.user, ev, data["decision"], data["note"], data["months"])
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Saved."))
    return redirect("orgs:evaluation", pk)
