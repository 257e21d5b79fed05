"""Funded projects: the round's list, and on a project's page the staff commands that follow it (coaching and
site visits, reports, the experts and conclusions of its evaluations, closing it)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import run_command

from ... import selectors, services
from ...forms import CoachingForm, EvaluationExpertsForm, ScheduleReportForm
from ...models import Proposal, ReviewKind, Round
from ..common import run, staff_only
from ..proposal import proposal_page


@staff_only
@require_safe
def projects(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    return render(
        request, "venture/staff_projects.html", {"round": round_, "proposals": selectors.signed_projects(round_)}
    )


def _project(pk):
    return get_object_or_404(Proposal.objects.select_related("round"), pk=pk)


@staff_only
@require_POST
def record_coaching(request, pk):
    """Refused, the project's page comes back with what staff typed and why (so for every form below)."""
    proposal = _project(pk)
    form = CoachingForm(request.POST)
    return run_command(
        request,
        form,
        lambda data: services.record_coaching(request.user, proposal, **data),
        success=_("Record saved."),
        done=redirect("venture:proposal", pk=pk),
        again=lambda: proposal_page(request, proposal, True, coaching_form=form),
    )


@staff_only
@require_POST
def schedule_report(request, pk):
    proposal = _project(pk)
    form = ScheduleReportForm(request.POST)
    return run_command(
        request,
        form,
        lambda data: services.schedule_report(request.user, proposal, data["kind"], data["due_on"]),
        success=_("Report scheduled."),
        done=redirect("venture:proposal", pk=pk),
        again=lambda: proposal_page(request, proposal, True, schedule_form=form),
    )


@staff_only
@require_POST
def assign_evaluators(request, pk):
    proposal = _project(pk)
    form = EvaluationExpertsForm(request.POST, experts=selectors.experts())
    return run_command(
        request,
        form,
        lambda data: services.assign_evaluators(request.user, proposal, data["kind"], data["experts"]),
        success=_("The experts are assigned to the evaluation."),
        done=redirect("venture:proposal", pk=pk),
        again=lambda: proposal_page(request, proposal, True, evaluation_form=form),
    )


@staff_only
@require_POST
def conclude_midterm(request, pk):
    proposal = _project(pk)
    run(request, services.conclude_evaluation, proposal, ReviewKind.MIDTERM, success=_("Evaluation concluded."))
    return redirect("venture:proposal", pk=pk)


@staff_only
@require_POST
def conclude_final(request, pk):
    proposal = _project(pk)
    run(request, services.conclude_evaluation, proposal, ReviewKind.FINAL, success=_("Evaluation concluded."))
    return redirect("venture:proposal", pk=pk)


@staff_only
@require_POST
def close_project(request, pk):
    proposal = _project(pk)
    run(request, services.close_project, proposal, success=_("Project closed."))
    return redirect("venture:proposal", pk=pk)
