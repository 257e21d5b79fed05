"""Following a funded project: reports, coaching and site visits, the mid-term and final evaluations, closing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incubator import scoring
from incubator.services import interpolate, notify

from ..models import (
    CoachingRecord,
    ProgressReport,
    Proposal,
    ProposalState,
    ReportDocument,
    ReviewKind,
    TrancheCondition,
)
from ..permissions import is_staff, speaks_for
from ..selectors import submitted_reviews
from .awards import release_tranches, stop_tranches
from .common import applicants_of, proposal_url, save_logged
from .review import assign_expert

S = ProposalState
RUNNING = (S.SIGNED, S.IN_PROGRESS, S.MIDTERM_PASSED)
# States in which staff still follow the project (reports, visits, evaluations, closing).
RUNNING_OR_ENDING = (*RUNNING, S.MIDTERM_FAILED, S.FINAL_EVALUATED)


@transaction.atomic
def schedule_report(by, proposal, kind, due_on):
    if not is_staff(by):
        raise PermissionDenied
    if proposal.state not in RUNNING:
        raise ValidationError(_("Reports are scheduled for projects being carried out."))
    report = save_logged(ProgressReport(proposal=proposal, kind=kind, due_on=due_on), by, "scheduled")
    notify(
        applicants_of(proposal.organization_id),
        "venture_report_scheduled",
        interpolate(_("A report on %(code)s is due on %(due)s"), {"code": proposal.code, "due": due_on.isoformat()}),
        "",
        proposal_url(proposal),
    )
    return report


@transaction.atomic
def submit_report(user, report, uploads=(), **fields):
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=report.pk)
    if not speaks_for(user, report.proposal):
        raise PermissionDenied
    if report.submitted_at:
        raise ValidationError(_("This report is already submitted."))
    for name, value in fields.items():
        setattr(report, name, value)
    report.submitted_at = timezone.now()
    save_logged(report, user, "submitted")
    for upload in uploads:
        document = ReportDocument(report=report)
        document.attach(upload, user)
        document.save()
    return report


@transaction.atomic
def record_coaching(by, proposal, kind, on, notes):
    if not is_staff(by):
        raise PermissionDenied
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    return save_logged(CoachingRecord(proposal=proposal, kind=kind, on=on, notes=notes, by=by), by)


@transaction.atomic
def assign_evaluators(by, proposal, kind, experts):
    """Assign experts to the project's mid-term or final evaluation: all of them, or none if one is refused."""
    return [assign_expert(by, proposal, expert, kind=kind) for expert in experts]


@transaction.atomic
def conclude_evaluation(by, proposal, kind):
    """Decide the mid-term or final evaluation from the experts' submitted reviews against the rubric's pass
    mark. A pass releases the matching tranches; a failed mid-term stops every later tranche."""
    if not is_staff(by):
        raise PermissionDenied
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("round__rubric", "round__implementation_rubric", "award__agreement")
        .get(pk=proposal.pk)
    )
    totals = [r.total for r in submitted_reviews(proposal.round, kind).filter(assignment__proposal=proposal)]
    panel = scoring.panel_result(totals)
    if panel.count == 0:
        raise ValidationError(_("No expert has submitted this evaluation yet."))
    passed = panel.result >= proposal.round.evaluation_rubric.pass_mark
    agreement = proposal.award.agreement
    if kind == ReviewKind.MIDTERM:
        if proposal.state != S.IN_PROGRESS:
            raise ValidationError(_("The mid-term evaluation follows the start of the project."))
        if passed:
            proposal.pass_midterm()
            release_tranches(agreement, TrancheCondition.MIDTERM, by)
        else:
            proposal.fail_midterm()
            stop_tranches(agreement, [TrancheCondition.MIDTERM, TrancheCondition.FINAL])
    elif kind == ReviewKind.FINAL:
        if proposal.state not in (S.IN_PROGRESS, S.MIDTERM_PASSED):
            raise ValidationError(_("The final evaluation needs a project in progress that has not failed."))
        proposal.evaluate_final()
        if passed:
            release_tranches(agreement, TrancheCondition.FINAL, by)
        else:
            stop_tranches(agreement, [TrancheCondition.FINAL])
    else:
        raise ValidationError(_("Unknown evaluation."))
    proposal.decision_reason = gettext("Panel result %(score)s against the pass mark %(mark)s.") % {
        "score": panel.result,
        "mark": proposal.round.evaluation_rubric.pass_mark,
    }
    save_logged(proposal, by, f"{kind} {'passed' if passed else 'failed'}")
    notify(
        applicants_of(proposal.organization_id),
        "venture_evaluation",
        interpolate(
            _("Evaluation of %(code)s: %(result)s"),
            {"code": proposal.code, "result": _("passed") if passed else _("not passed")},
        ),
        proposal.decision_reason,
        proposal_url(proposal),
    )
    return passed, panel


@transaction.atomic
def close_project(by, proposal):
    if not is_staff(by):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state not in (S.FINAL_EVALUATED, S.MIDTERM_FAILED):
        raise ValidationError(_("A project closes after its final evaluation (or a failed mid-term)."))
    proposal.close()
    return save_logged(proposal, by, "closed")
