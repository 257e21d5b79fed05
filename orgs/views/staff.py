"""The staff workbench: pipeline board, organization list, export and import, applicant accounts, calls, spaces."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator import jobs
from incubator.forms import apply_errors, row_named
from incubator.roles import Role, require_role

from .. import selectors, services
from ..filters import OrganizationFilter
from ..forms import MembershipDecisionForm, RecruitmentCallForm, RegisterImportForm
from ..models import Stage
from ..resources import OrganizationResource


# -- staff workbench -----------------------------------------------------------------------------------------
def _filtered(request):
    return OrganizationFilter(request.GET or None, queryset=selectors.workbench_organizations(request.user))


@login_required
def board(request):
    require_role(request.user, Role.PARK_STAFF)
    filterset = _filtered(request)
    counts, overdue = selectors.pipeline_and_overdue(filterset.qs)
    density = selectors.registered_density()  # its rows are the active sites, in order
    sites = [row["site"] for row in density["sites"] if row["site"].pk in counts or not request.GET.get("site")]
    columns = [("", _("Registry only"))] + [(s, Stage(s).label) for s in Stage.in_order()]
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
    require_role(request.user, Role.PARK_STAFF)
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
    require_role(request.user, Role.PARK_STAFF)
    query = request.POST.get("query", "")
    job = jobs.start(request.user, "orgs.export_register", _("Organizations (Excel)"), query=query)
    return redirect("job_detail", pk=job.pk)


@login_required
def register_import(request):
    """Staff upload an existing register; a Celery job checks every row and imports all or nothing."""
    require_role(request.user, Role.PARK_STAFF)
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


def _accounts_page(request, refused=None):
    """The waiting accounts; `refused` is the form of the one staff just tried, with what they typed and why."""
    rows = [
        (
            m,
            refused
            if refused is not None and refused.prefix == f"m{m.pk}"
            else MembershipDecisionForm(prefix=f"m{m.pk}"),
        )
        for m in selectors.pending_memberships()
    ]
    return render(
        request,
        "orgs/accounts.html",
        {"rows": rows, "confirmed": selectors.recently_confirmed_memberships()},
    )


@login_required
@require_safe
def accounts(request):
    """Applicant accounts waiting for confirmation, each confirmed or declined (with a reason) in one step."""
    require_role(request.user, Role.PARK_STAFF)
    return _accounts_page(request)


def _decide(request, decide, done):
    """Confirm or decline the account the form names; refused, the page comes back with the reason as typed."""
    require_role(request.user, Role.PARK_STAFF)
    membership = row_named(selectors.pending_memberships(), request.POST.get("membership"))
    form = MembershipDecisionForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            decide(membership, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done % {"user": membership.user, "org": membership.organization.name})
            return redirect("orgs:accounts")
    return _accounts_page(request, refused=form)


@login_required
@require_POST
def membership_confirm(request):
    return _decide(
        request,
        lambda membership, data: services.confirm_membership(request.user, membership),
        _("Confirmed: %(user)s for %(org)s."),
    )


@login_required
@require_POST
def membership_decline(request):
    return _decide(
        request,
        lambda membership, data: services.decline_membership(request.user, membership, data["reason"]),
        _("Declined: %(user)s for %(org)s."),
    )


@login_required
def staff_calls(request):
    require_role(request.user, Role.PARK_STAFF)
    return render(
        request, "orgs/staff_calls.html", {"calls": selectors.calls_for_staff(), "today": timezone.localdate()}
    )


@login_required
def staff_call_edit(request, pk=None):
    """A new recruitment call, or changes to one; nothing typed is lost when a field is wrong."""
    require_role(request.user, Role.PARK_STAFF)
    call = get_object_or_404(selectors.calls_for_staff(), pk=pk) if pk else None
    form = RecruitmentCallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        call = services.save_call(request.user, form)
        messages.success(request, _("Recruitment call saved."))
        return redirect("orgs:staff_calls")
    return render(request, "orgs/staff_call_form.html", {"form": form, "call": call})


def _register_headings():
    return [field.column_name for field in OrganizationResource().get_import_fields()]


@login_required
def spaces(request):
    require_role(request.user, Role.PARK_STAFF)
    return render(
        request,
        "orgs/spaces.html",
        {"occupancy": selectors.occupancy_by_site(), "spaces": selectors.spaces_with_holders()},
    )
