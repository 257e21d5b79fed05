"""Stage evaluations for staff: every score, the panel result, and one address per step (adding or replacing an
expert, closing the scoring, deciding)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import row_named, run_command
from incubator.roles import Role, require_role

from .. import selectors, services
from ..forms import DecisionForm, ReplaceExpertForm
from ..models import Evaluation
from .common import rendered_panels


# -- stage evaluations (staff) -------------------------------------------------------------------------------
def _staff_evaluation(request, pk):
    require_role(request.user, Role.PARK_STAFF)
    try:
        return selectors.evaluation_for_staff(request.user, pk)
    except Evaluation.DoesNotExist as error:
        raise Http404 from error


def _page(request, evaluation, **bound):
    """The evaluation's page; `bound` replaces a blank form with the one staff just posted (with its errors)."""
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
            "history": selectors.history_of(evaluation),
        },
    )


@login_required
@require_safe
def evaluation(request, pk):
    return _page(request, _staff_evaluation(request, pk))


def _run(request, evaluation, name, form, action):
    """Run `action()` once the form is valid; refused, the page comes back with what staff typed and why."""
    return run_command(
        request,
        form,
        lambda _data: action(),
        success=_("Saved."),
        done=redirect("orgs:evaluation", evaluation.pk),
        again=lambda: _page(request, _staff_evaluation(request, evaluation.pk), **{name: form}),
    )


@login_required
@require_POST
def evaluation_assign(request, pk):
    ev = _staff_evaluation(request, pk)
    form = ReplaceExpertForm(request.POST, evaluation=ev, prefix="assign")
    return _run(
        request, ev, "assign", form, lambda: services.assign_expert(request.user, ev, form.cleaned_data["expert"])
    )


@login_required
@require_POST
def evaluation_replace(request, pk):
    ev = _staff_evaluation(request, pk)
    assignment = row_named(ev.assignments.all(), request.POST.get("assignment"))
    form = ReplaceExpertForm(request.POST, evaluation=ev)
    return _run(
        request,
        ev,
        "replace",
        form,
        lambda: services.replace_expert(request.user, assignment, form.cleaned_data["expert"]),
    )


@login_required
@require_POST
def evaluation_close(request, pk):
    ev = _staff_evaluation(request, pk)
    try:
        services.close_evaluation(request.user, ev)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, _staff_evaluation(request, pk))
    messages.success(request, _("Saved."))
    return redirect("orgs:evaluation", pk)


@login_required
@require_POST
def evaluation_decide(request, pk):
    ev = _staff_evaluation(request, pk)
    form = DecisionForm(request.POST, evaluation=ev)

    def decide():
        data = form.cleaned_data
        services.decide_evaluation(request.user, ev, data["decision"], data["note"], data["months"])

    return _run(request, ev, "decision", form, decide)
