"""Following a funded project: reports, coaching and site visits, the mid-term and final evaluations, closing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator import scoring
from incubator.services import interpolate, notify
from orgs.selectors import confirmed_applicants_of

from ..models import (
    CoachingRecord,
    ProgressReport,
    Proposal,
    ProposalState,
    ReportDocument,
    ReviewKind,
    TrancheCondition,
)
from ..permissions import is_park_staff, speaks_for
from ..selectors import report_figures, submitted_reviews
from .agreements import release_tranches, stop_tranches
from .common import proposal_url, save_logged
from .review import assign_expert

S = ProposalState


@transaction.atomic
def schedule_report(by, proposal, kind, due_on):
    if not is_park_staff(by):
        raise PermissionDenied
    if proposal.state not in S.running():
        raise ValidationError(_("Reports are scheduled for projects being carried out."))
    report = save_logged(ProgressReport(proposal=proposal, kind=kind, due_on=due_on), by, "scheduled")
    notify(
        confirmed_applicants_of(proposal.organization_id),
        "venture_report_scheduled",
        interpolate(_("A report on %(code)s is due on %(due)s"), {"code": proposal.code, "due": due_on.isoformat()}),
        "",
        proposal_url(proposal),
    )
    return report


def _write_report(user, report, fields):
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=report.pk)
    if not speaks_for(user, report.proposal):
        raise PermissionDenied
    if not report.is_draft:
        raise ValidationError(_("This report is already submitted."))
    for name in ProgressReport.WRITTEN_FIELDS:
        if name in fields:
            setattr(report, name, fields[name])
    if report.spent is not None and report.spent < 0:
        raise ValidationError({"spent": _("Spending cannot be negative.")})
    return report


def _attach(user, report, uploads):
    for upload in uploads:
        document = ReportDocument(report=report)
        document.attach(upload, user)
        document.save()


@transaction.atomic
def save_report(user, report, uploads=(), **fields):
    """Keep the report as a draft: the organization may come back to it until it submits it."""
    report = _write_report(user, report, fields)
    _attach(user, report, uploads)
    return save_logged(report, user, "draft saved")


@transaction.atomic
def submit_report(user, report, uploads=(), **fields):
    """Submit the report: complete, and its spending checked against the award and the budget."""
    report = _write_report(user, report, fields)
    problems = report_problems(report)
    if problems:
        raise ValidationError(problems)
    _attach(user, report, uploads)
    report.submitted_at = timezone.now()
    return save_logged(report, user, "submitted")


def report_problems(report):
    """Why a report cannot be submitted yet, by field: what is missing, and spending beyond the whole budget
    (never), or beyond the award without an explanation."""
    problems = {}
    for name in ("activities_done", "beneficiaries_reached", "spent"):
        if getattr(report, name) in ("", None):
            problems[name] = _("Fill this in before submitting the report.")
    if report.spent is None:
        return problems
    figures = report_figures(report.proposal)
    if report.spent > figures["budget"]:
        problems["spent"] = gettext(
            "¥%(spent)s is more than the whole budget of ¥%(budget)s: check the figure (a budget change needs "
            "the park's approval first)."
        ) % {"spent": report.spent, "budget": figures["budget"]}
    elif figures["awarded"] is not None and report.spent > figures["awarded"] and not report.spent_explanation.strip():
        problems["spent_explanation"] = gettext(
            "¥%(spent)s is more than the award of ¥%(awarded)s: explain where the rest came from."
        ) % {"spent": report.spent, "awarded": figures["awarded"]}
    return problems


@transaction.atomic
def record_coaching(by, proposal, kind, on, notes):
    if not is_park_staff(by):
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
    if not is_park_staff(by):
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
        if not can_proceed(proposal.pass_midterm):
            raise ValidationError(_("The mid-term evaluation follows the start of the project."))
        if passed:
            proposal.pass_midterm()
            release_tranches(agreement, TrancheCondition.MIDTERM, by)
        else:
            proposal.fail_midterm()
            stop_tranches(agreement, [TrancheCondition.MIDTERM, TrancheCondition.FINAL], by)
    elif kind == ReviewKind.FINAL:
        if not can_proceed(proposal.evaluate_final):
            raise ValidationError(_("The final evaluation needs a project in progress that has not failed."))
        proposal.evaluate_final()
        if passed:
            release_tranches(agreement, TrancheCondition.FINAL, by)
        else:
            stop_tranches(agreement, [TrancheCondition.FINAL], by)
    else:
        raise ValidationError(_("Unknown evaluation."))
    proposal.decision_reason = gettext("Panel result %(score)s against the pass mark %(mark)s.") % {
        "score": panel.result,
        "mark": proposal.round.evaluation_rubric.pass_mark,
    }
    save_logged(proposal, by, f"{kind} {'passed' if passed else 'failed'}")
    notify(
        confirmed_applicants_of(proposal.organization_id),
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
    if not is_park_staff(by):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_proceed(proposal.close):
        raise ValidationError(_("A project closes after its final evaluation (or a failed mid-term)."))
    proposal.close()
    return save_logged(proposal, by, "closed")
