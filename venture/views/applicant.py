"""The applicant organization's pages: my proposals, the proposal form, status, documents and reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.files import serve
from incubator.forms import apply_errors, run_command
from orgs.selectors import organization_of, pledge_pending

from .. import selectors, services
from ..forms import ActivityFormSet, BudgetFormSet, DocumentForm, ProposalForm, ReportForm
from ..models import ProgressReport, ProposalState
from ..permissions import is_park_staff, sees_identity, speaks_for
from .proposal import proposal_page


@login_required
@require_safe
def my_proposals(request):
    organization = organization_of(request.user)
    if organization is None or not request.user.is_applicant:
        raise Http404
    return render(
        request,
        "venture/my_proposals.html",
        {
            "organization": organization,
            "proposals": selectors.my_proposals(request.user),
            "open_rounds": selectors.open_rounds(),
        },
    )


def _edit_page(request, proposal, round_):
    """The proposal form with its budget and activity tables; nothing is saved unless every part is valid."""
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, instance=proposal, round=round_)
    budget = BudgetFormSet(data, instance=proposal, prefix="budget")
    activities = ActivityFormSet(data, instance=proposal, prefix="activities")
    if request.method == "POST" and form.is_valid() and budget.is_valid() and activities.is_valid():
        try:
            with transaction.atomic():
                if proposal is None:
                    proposal = services.create_proposal(request.user, round_, **form.cleaned_data)
                else:
                    form.save()
                budget.instance = activities.instance = proposal
                budget.save()
                activities.save()
                services.refresh_totals(proposal)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("venture:proposal", pk=proposal.pk)
    return render(
        request,
        "venture/proposal_form.html",
        {"form": form, "budget": budget, "activities": activities, "round": round_, "proposal": proposal},
    )


@login_required
def apply(request, code):
    round_ = get_object_or_404(selectors.open_rounds(), code=code)
    if organization_of(request.user) is None or not request.user.is_applicant:
        raise Http404
    problems = services.proposals.eligibility_problems(round_, organization_of(request.user))
    if problems:
        return render(request, "venture/not_eligible.html", {"round": round_, "problems": problems})
    return _edit_page(request, None, round_)


def _own_proposal(request, pk):
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
    if not speaks_for(request.user, proposal):
        raise Http404
    return proposal


@login_required
def proposal_edit(request, pk):
    proposal = _own_proposal(request, pk)
    if proposal.state not in ProposalState.editable():
        messages.info(request, _("This proposal can no longer be changed."))
        return redirect("venture:proposal", pk=pk)
    return _edit_page(request, proposal, proposal.round)


@login_required
@require_safe
def proposal_detail(request, pk):
    """The proposal's page for its organization and for staff (experts have their own page)."""
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
    staff = is_park_staff(request.user)
    if not (staff or speaks_for(request.user, proposal)):
        if request.user.is_expert:
            return redirect("venture:expert_proposal", pk=pk)
        raise Http404
    return proposal_page(request, proposal, staff)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.submit_proposal(request.user, proposal)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Proposal submitted."))
    return redirect("venture:proposal", pk=pk)


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = _own_proposal(request, pk)
    try:
        services.withdraw_proposal(request.user, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Proposal withdrawn."))
    return redirect("venture:proposal", pk=pk)


@login_required
@require_POST
def document_upload(request, pk):
    proposal = _own_proposal(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                request.user,
                proposal,
                form.cleaned_data["file"],
                form.cleaned_data["label"],
                form.cleaned_data["identifying"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("venture:proposal", pk=pk)
    # The page again with the label as typed and what is wrong (a browser never refills a file input).
    return proposal_page(request, proposal, False, document_form=form)


@login_required
@require_safe
def document_download(request, pk):
    """A proposal document, found through the viewer's proposals. Experts of a blind round get neutral names
    and never an identifying document; conflicted experts never reach it."""
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    proposal = document.proposal
    if is_park_staff(request.user) or speaks_for(request.user, proposal):
        return serve(document)
    if not selectors.reads_proposal(request.user, proposal):
        raise Http404
    if pledge_pending(request.user, proposal.round) is not None:
        raise Http404
    if sees_identity(request.user, proposal.round):
        return serve(document)
    if document.identifying:
        raise Http404
    visible = selectors.blind_document_ids(proposal)
    return serve(document, download_name=document.neutral_name(visible.index(document.pk) + 1), blind=True)


@login_required
def report_edit(request, pk):
    """The report's own form: saved as a draft until the organization submits it (the submit button)."""
    report = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    if not speaks_for(request.user, report.proposal):
        raise Http404
    if not report.is_draft:
        return redirect("venture:proposal", pk=report.proposal_id)
    form = ReportForm(request.POST or None, request.FILES or None, instance=report)
    submitting = "submit" in request.POST
    service = services.submit_report if submitting else services.save_report

    def action(data):
        attachment = data.get("attachment")
        fields = {name: data[name] for name in ProgressReport.WRITTEN_FIELDS}
        return service(request.user, report, uploads=[attachment] if attachment else [], **fields)

    return run_command(
        request,
        form,
        action,
        success=_("Report submitted.") if submitting else _("Draft saved: submit the report when it is complete."),
        done=redirect("venture:proposal", pk=report.proposal_id) if submitting else redirect("venture:report", pk=pk),
        again=lambda: render(
            request,
            "venture/report_form.html",
            {"form": form, "report": report, "figures": selectors.report_figures(report.proposal)},
        ),
    )


@login_required
@require_safe
def report_document(request, pk):
    document = get_object_or_404(selectors.report_documents_visible_to(request.user), pk=pk)
    if not (is_park_staff(request.user) or speaks_for(request.user, document.report.proposal)):
        raise Http404
    return serve(document)
