"""The proposal's page, which its organization and park staff share: staff see their panels below it
(reviews, coaching, reports, evaluations). Commands refused on it show it again through `proposal_page`."""

from django.shortcuts import render

from .. import selectors, services
from ..forms import CoachingForm, DocumentForm, EvaluationExpertsForm, ReasonForm, ScheduleReportForm
from ..models import ProposalState


def proposal_page(request, proposal, staff, **bound):
    """The proposal's page; `bound` puts a form just posted with errors back, with what was typed."""
    context = {
        "proposal": proposal,
        "budget_lines": proposal.budget_lines.all(),
        "activities": proposal.activities.all(),
        "documents": proposal.documents.all(),
        "missing": services.missing_for_submission(proposal) if proposal.state in ProposalState.editable() else [],
        "can_edit": proposal.state in ProposalState.editable() and not staff,
        "document_form": DocumentForm(),
        "reports": proposal.reports.prefetch_related("documents"),
        "screenings": proposal.screenings.select_related("by"),
        "history": proposal.history.select_related("history_user")[:30] if staff else None,
        "is_staff": staff,
        "can_withdraw": not staff and proposal.state in ProposalState.withdrawable(),
        "is_running": proposal.state in ProposalState.followed(),
        "project": selectors.funded_project(proposal),
    }
    context.update({name: form for name, form in bound.items() if name in context})
    if staff:
        context.update(_staff_panels(proposal, bound))
    return render(request, "venture/proposal.html", context)


def _staff_panels(proposal, bound):
    """The staff panels: reviews, evaluations, reports and coaching (a form in `bound`, posted with errors,
    replaces its blank one)."""
    return {
        "reviews": selectors.proposal_reviews(proposal),
        "coaching": selectors.proposal_coaching(proposal),
        "coaching_form": CoachingForm(),
        "schedule_form": ScheduleReportForm(),
        "evaluation_form": EvaluationExpertsForm(experts=selectors.experts()),
        "reason_form": ReasonForm(),
    } | bound
