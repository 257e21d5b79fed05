"""The staff workbench: pipeline board, organization list and export, the organization page and its forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator import jobs
from incubator.forms import row_named

from .. import selectors, services
from ..filters import OrganizationFilter
from ..forms import (
    AllocateSpaceForm,
    EvaluationSetupForm,
    GovernmentBidForm,
    MembershipDecisionForm,
    RecruitmentCallForm,
    RegisterImportForm,
    ResponsibleStaffForm,
    ServiceEntryForm,
    StageActionForm,
)
from ..models import EvaluationKind, Organization, SpaceAllocation, Stage
from ..resources import OrganizationResource
from ..selectors import STAGES_IN_ORDER
from .common import error_into_form, rendered_panels, staff_only

# Transitions staff make from the organization page; evaluation outcomes come from the evaluation page.
PAGE_ACTIONS = ("start_inspection", "admit_resident", "complete", "decline", "withdraw", "terminate")
EVALUATION_ACTIONS = {
    "start_admission_evaluation": EvaluationKind.ADMISSION,
    "start_growth_evaluation": EvaluationKind.GROWTH,
}


# -- staff workbench -----------------------------------------------------------------------------------------
def _filtered(request):
    return OrganizationFilter(request.GET or None, queryset=selectors.workbench_organizations(request.user))


@login_required
def board(request):
    staff_only(request)
    filterset = _filtered(request)
    counts, overdue = selectors.pipeline_and_overdue(filterset.qs)
    density = selectors.registered_density()  # its rows are the active sites, in order
    sites = [row["site"] for row in density["sites"] if row["site"].pk in counts or not request.GET.get("site")]
    columns = [("", _("Registry only"))] + [(s, Stage(s).label) for s in STAGES_IN_ORDER]
    rows = [
        {"site": site, "cells": [(code, counts.get(site.pk, {}).get(code, 0)) for code, _label in columns]}
        for site in sites
    ]
    totals = [sum(r["cells"][i][1] for r in rows) for i in range(len(columns))]
    return render(
        request,
        "orgs/board.html",
        {
            "filter": filterset,
            "stages": columns,
            "rows": rows,
            "totals": totals,
            "overdue": overdue,
            "density": density,
            "occupancy": selectors.occupancy_by_site(),
            "to_decide": selectors.evaluations_to_decide()[:20],
        },
    )


@login_required
def organization_list(request):
    staff_only(request)
    filterset = _filtered(request)
    page = Paginator(filterset.qs.values_list("pk", flat=True), 50).get_page(request.GET.get("page"))
    page.object_list = selectors.organization_rows(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "orgs/organization_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def organization_export(request):
    """The list as filtered, built in Celery: the filters travel in the form's query string."""
    staff_only(request)
    query = request.POST.get("query", "")
    job = jobs.start(request.user, "orgs.export_register", _("Organizations (Excel)"), query=query)
    return redirect("job_detail", pk=job.pk)


@login_required
def register_import(request):
    """Staff upload an existing register; a Celery job checks every row and imports all or nothing."""
    staff_only(request)
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        check_only = form.cleaned_data["check_only"]
        title = _("Check of the register %(name)s") if check_only else _("Import of the register %(name)s")
        job = jobs.start(
            request.user,
            "orgs.import_register",
            title % {"name": form.cleaned_data["file"].name},
            source=form.cleaned_data["file"],
            check_only=check_only,
        )
        return redirect("job_detail", pk=job.pk)
    return render(request, "orgs/register_import.html", {"form": form, "headings": _register_headings()})


@login_required
def accounts(request):
    """Applicant accounts waiting for confirmation, each confirmed or declined (with a reason) in one step."""
    staff_only(request)
    forms_by_pk = {}
    if request.method == "POST":
        membership = row_named(selectors.pending_memberships(), request.POST.get("membership"))
        form = MembershipDecisionForm(request.POST, prefix=f"m{membership.pk}")
        if form.is_valid():
            name = {"user": membership.user, "org": membership.organization.name}
            try:
                if form.cleaned_data["decision"] == "confirm":
                    services.confirm_membership(request.user, membership)
                    done = _("Confirmed: %(user)s for %(org)s.") % name
                else:
                    services.decline_membership(request.user, membership, form.cleaned_data["reason"])
                    done = _("Declined: %(user)s for %(org)s.") % name
            except ValidationError as error:
                error_into_form(form, error)
            else:
                messages.success(request, done)
                return redirect("orgs:accounts")
        forms_by_pk[membership.pk] = form
    pending = list(selectors.pending_memberships())
    rows = [(m, forms_by_pk.get(m.pk) or MembershipDecisionForm(prefix=f"m{m.pk}")) for m in pending]
    return render(
        request,
        "orgs/accounts.html",
        {"rows": rows, "confirmed": selectors.recently_confirmed_memberships()},
    )


@login_required
def staff_calls(request):
    staff_only(request)
    return render(
        request, "orgs/staff_calls.html", {"calls": selectors.calls_for_staff(), "today": timezone.localdate()}
    )


@login_required
def staff_call_edit(request, pk=None):
    """A new recruitment call, or changes to one; nothing typed is lost when a field is wrong."""
    staff_only(request)
    call = get_object_or_404(selectors.calls_for_staff(), pk=pk) if pk else None
    form = RecruitmentCallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        call = services.save_call(request.user, form)
        messages.success(request, _("Recruitment call saved."))
        return redirect("orgs:staff_calls")
    return render(request, "orgs/staff_call_form.html", {"form": form, "call": call})


def _register_headings():
    return [field.column_name for field in OrganizationResource().get_import_fields()]


def _page(request, org, **bound):
    """The organization page; `bound` replaces a blank form with the one the user just posted (with errors)."""
    incubation = getattr(org, "incubation", None)
    available = {t.name for t in incubation.get_available_stage_transitions()} if incubation else set()
    evaluation_forms = []
    for action, kind in EVALUATION_ACTIONS.items():
        if action in available:
            form = bound.get(action) or EvaluationSetupForm(organization=org, kind=kind, prefix=action)
            evaluation_forms.append((action, kind.label, form))
    context = {
        "organization": org,
        "incubation": incubation,
        "stage_form": bound.get("stage") or StageActionForm(actions=[a for a in PAGE_ACTIONS if a in available]),
        "evaluation_forms": evaluation_forms,
        "space_form": bound.get("space") or AllocateSpaceForm(organization=org),
        "service_form": bound.get("service") or ServiceEntryForm(),
        "bid_form": bound.get("bid") or GovernmentBidForm(),
        "responsible_form": bound.get("responsible")
        or ResponsibleStaffForm(initial={"staff": incubation.responsible_staff_id if incubation else None}),
        "history": org.history.select_related("history_user")[:30],
        "panels": rendered_panels("organization", request, org),
        "today": timezone.localdate(),
        "open_form": next(iter(bound), None),
    }
    return render(request, "orgs/organization.html", context)


def _staff_organization(request, pk):
    staff_only(request)
    try:
        return selectors.organization_page(request.user, pk)
    except Organization.DoesNotExist as error:
        raise Http404 from error


@login_required
def organization(request, pk):
    return _page(request, _staff_organization(request, pk))


def _handle(request, org, name, form, action):
    """Run `action()` if the form is valid; on errors re-render the page with the typed values (200)."""
    if form.is_valid():
        try:
            action()
        except ValidationError as error:
            error_into_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("orgs:organization", org.pk)
    return _page(request, org, **{name: form})


@login_required
@require_POST
def organization_stage(request, pk):
    org = _staff_organization(request, pk)
    incubation = org.incubation
    available = {t.name for t in incubation.get_available_stage_transitions()}
    form = StageActionForm(request.POST, actions=[a for a in PAGE_ACTIONS if a in available])

    def move():
        data = form.cleaned_data
        action, when, reason = data["action"], data["on"], data["reason"]
        if action == "admit_resident":
            services.admit_resident(request.user, incubation, data["months"], when, reason)
        elif action in ("decline", "withdraw", "terminate"):
            getattr(services, action)(request.user, incubation, reason, when)
        else:
            getattr(services, action)(request.user, incubation, when, reason)

    return _handle(request, org, "stage", form, move)


@login_required
@require_POST
def organization_responsible(request, pk):
    org = _staff_organization(request, pk)
    if getattr(org, "incubation", None) is None:
        raise Http404
    form = ResponsibleStaffForm(request.POST)
    return _handle(
        request,
        org,
        "responsible",
        form,
        lambda: services.assign_responsible_staff(request.user, org.incubation, form.cleaned_data["staff"]),
    )


@login_required
@require_POST
def organization_evaluation(request, pk, action):
    org = _staff_organization(request, pk)
    if action not in EVALUATION_ACTIONS:
        raise Http404
    form = EvaluationSetupForm(request.POST, organization=org, kind=EVALUATION_ACTIONS[action], prefix=action)

    def open_it():
        data = form.cleaned_data
        services.open_evaluation(
            request.user, org.incubation, EVALUATION_ACTIONS[action], data["rubric"], data["experts"], data["due_on"]
        )

    return _handle(request, org, action, form, open_it)


@login_required
@require_POST
def organization_space(request, pk):
    org = _staff_organization(request, pk)
    form = AllocateSpaceForm(request.POST, organization=org)

    def allocate():
        data = form.cleaned_data
        services.allocate_space(request.user, data["space"], org, data["on"], data["note"])

    return _handle(request, org, "space", form, allocate)


@login_required
@require_POST
def release_space(request, pk):
    staff_only(request)
    allocation = get_object_or_404(SpaceAllocation.objects.select_related("organization"), pk=pk)
    services.release_space(request.user, allocation)
    messages.success(request, _("Space released."))
    return redirect("orgs:organization", allocation.organization_id)


@login_required
@require_POST
def organization_service(request, pk):
    org = _staff_organization(request, pk)
    form = ServiceEntryForm(request.POST, instance=org.service_entries.model(organization=org))
    return _handle(request, org, "service", form, lambda: services.record_service(request.user, form.instance))


@login_required
@require_POST
def organization_bid(request, pk):
    org = _staff_organization(request, pk)
    form = GovernmentBidForm(request.POST, instance=org.government_bids.model(organization=org))
    return _handle(request, org, "bid", form, lambda: services.record_bid(request.user, form.instance))


@login_required
def spaces(request):
    staff_only(request)
    return render(
        request,
        "orgs/spaces.html",
        {"occupancy": selectors.occupancy_by_site(), "spaces": selectors.spaces_with_holders()},
    )
