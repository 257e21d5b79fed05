"""Stage evaluations: panels, recusal, scores, the panel result and the decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator import scoring
from incubator.services import interpolate, notify

from .. import permissions
from ..models import (
    Assignment,
    Evaluation,
    EvaluationKind,
    Score,
)
from ..selectors import recused_organization_ids
from .common import save_logged
from .incubation import admit, decline, move, terminate

EVALUATION_STEP = {
    EvaluationKind.ADMISSION: "start_admission_evaluation",
    EvaluationKind.GROWTH: "start_growth_evaluation",
}


@transaction.atomic
def open_evaluation(by, incubation, kind, rubric, experts, due_on, when=None):
    """Move into an evaluation stage and set its panel."""
    if rubric.total_weight != 100:
        raise ValidationError({"rubric": _("The rubric's weights must add up to 100.")})
    incubation = move(by, incubation, EVALUATION_STEP[kind], when)
    evaluation = Evaluation.objects.create(
        organization=incubation.organization, kind=kind, rubric=rubric, due_on=due_on, created_by=by
    )
    for expert in experts:
        assign_expert(by, evaluation, expert)
    return evaluation


def check_panel_member(evaluation, expert):
    """Whether the expert may join the evaluation's panel (every door asks: the workbench, the draw, the
    admin): the evaluation open, an expert, no recusal (回避), not on the panel yet."""
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("Experts can only be added while the evaluation is open."))
    if not expert.is_expert:
        raise ValidationError({"expert": _("%(name)s is not an expert reviewer.") % {"name": expert}})
    if evaluation.organization_id in recused_organization_ids(expert):
        raise ValidationError({"expert": _("%(name)s must recuse from this organization (回避).") % {"name": expert}})
    if evaluation.assignments.filter(expert=expert).exists():
        raise ValidationError({"expert": _("%(name)s is already on this panel.") % {"name": expert}})


@transaction.atomic
def assign_expert(by, evaluation, expert, method=Assignment.Method.CHOSEN):
    permissions.require_staff(by)
    check_panel_member(evaluation, expert)
    assignment = Assignment.objects.create(evaluation=evaluation, expert=expert, method=method, assigned_by=by)
    notify(
        [expert],
        "orgs_evaluation_assigned",
        interpolate(
            _("Please score the %(kind)s of %(org)s by %(due)s"),
            {"kind": evaluation.get_kind_display(), "org": evaluation.organization.name, "due": evaluation.due_on},
        ),
        url=reverse("orgs:expert_assignment", args=[assignment.pk]),
    )
    return assignment


@transaction.atomic
def replace_expert(by, assignment, new_expert):
    permissions.require_staff(by)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if can_proceed(assignment.replace):
        assignment.replace()
        save_logged(assignment, by)
    return assign_expert(by, assignment.evaluation, new_expert)


@transaction.atomic
def submit_scores(by, assignment, scores, comment=""):
    """An expert's scores: {criterion id: value}. Resubmitting replaces them until the evaluation closes."""
    permissions.require_assigned_expert(by, assignment)
    evaluation = Evaluation.objects.select_for_update().get(pk=assignment.evaluation_id)
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("Scoring of this evaluation is closed."))
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if not can_proceed(assignment.submit):
        raise ValidationError(_("You are no longer on this panel."))
    criteria = list(evaluation.rubric.criteria.all())
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors[f"criterion_{criterion.pk}"] = _("Give a score.")
        elif not 0 <= value <= criterion.max_score:
            errors[f"criterion_{criterion.pk}"] = _("Between 0 and %(max)s.") % {"max": criterion.max_score}
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        Score.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"value": scores[criterion.pk]}
        )
    assignment.submit(scoring.weighted_total(scores, criteria), comment)
    return save_logged(assignment, by)


def panel_of(evaluation):
    """The panel result of an evaluation's active, submitted assignments (incubator.scoring)."""
    totals = [a.total for a in evaluation.assignments.all() if a.is_active and a.submitted_at]
    return scoring.panel_result(totals)


@transaction.atomic
def close_evaluation(by, evaluation):
    permissions.require_staff(by)
    evaluation = Evaluation.objects.select_for_update().select_related("rubric").get(pk=evaluation.pk)
    result = panel_of(evaluation)
    if result.count == 0:
        raise ValidationError(_("No expert has submitted scores yet."))
    evaluation.close(result.result)
    evaluation.save()
    return evaluation


@transaction.atomic
def decide_evaluation(by, evaluation, decision, note="", months=None, when=None):
    """Staff decide with the panel result in front of them; the incubation moves accordingly.

    Admission: passed → admitted, failed → declined (told why). Growth: passed → exit; failed → more time
    (extended, with months) or terminated."""
    permissions.require_staff(by)
    evaluation = Evaluation.objects.select_for_update().select_related("organization").get(pk=evaluation.pk)
    note = (note or "").strip()
    Decision = Evaluation.Decision
    if decision != Decision.PASSED and not note:
        raise ValidationError({"note": _("Give the reasons; the organization is told why.")})
    if decision == Decision.EXTENDED and (evaluation.kind != EvaluationKind.GROWTH or not months):
        raise ValidationError({"months": _("Give the number of extra months.")})
    evaluation.decide(by, decision, note)
    evaluation.save()
    incubation = evaluation.organization.incubation
    if evaluation.kind == EvaluationKind.ADMISSION:
        if decision == Decision.PASSED:
            admit(by, incubation, when, note)
        else:
            decline(by, incubation, note, when)
    elif decision == Decision.PASSED:
        move(by, incubation, "exit_shell", when, note)
    elif decision == Decision.EXTENDED:
        move(by, incubation, "extend", when, note, months=months)
    else:
        terminate(by, incubation, note, when)
    return evaluation
