"""Member pages: names only for party-building staff and the assigned instructor, every read logged,
exports for party staff only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator.forms import apply_errors

from .. import exports, selectors, services
from ..forms import FlowForm, MemberForm
from ..permissions import can_export_members
from .common import form_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Member pages answer 404 to anyone who may not see the names, anonymous visitors included: no login
# redirect that would confirm the page exists. Every request reads through selectors.member_data (logged).
def _members(request, org_id):
    """The case of an organization and its member records, read through the one door."""
    case = selectors.case_for(request.user, org_id)
    return case, selectors.member_data(request, case)


def members(request, org_id):
    case, records = _members(request, org_id)
    context = {
        "case": case,
        "members": records,
        "flows": selectors.flows_of(records),
        "can_export": can_export_members(request.user),
        "proposal": services.proposed_formation(case),
    }
    return render(request, "partybuild/members.html", context)


def member_edit(request, org_id, pk=None):
    case, records = _members(request, org_id)
    member = selectors.member_of(records, pk) if pk else None
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_member(request.user, case, form.instance, form.cleaned_data["transfer_status"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The member record is saved."))
            return redirect("partybuild:members", org_id)
    title = _("Party member of %(org)s") % {"org": case.organization}
    intro = _("Sensitive personal information: record only with the member's separate consent.")
    return form_page(request, form, title, _("Save"), intro)


@require_POST
def member_remove(request, org_id, pk):
    _case, records = _members(request, org_id)
    services.remove_member(request.user, selectors.member_of(records, pk))
    messages.success(request, _("The member record is removed."))
    return redirect("partybuild:members", org_id)


def _xlsx(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def members_export(request, org_id=None):
    if not can_export_members(request.user):
        raise Http404
    case = selectors.case_for(request.user, org_id) if org_id is not None else None
    records = selectors.for_export(selectors.member_data(request, case, export=True))
    stamp = timezone.localdate().isoformat()
    return _xlsx(exports.members_workbook(records), f"party-members-{org_id or 'all'}-{stamp}.xlsx")


def flow_add(request, org_id):
    case, records = _members(request, org_id)
    form = FlowForm(request.POST or None, members=records)
    if request.method == "POST" and form.is_valid():
        services.record_flow(request.user, form.instance)
        messages.success(request, _("The two-way flow is recorded."))
        return redirect("partybuild:members", org_id)
    title = _("Two-way flow (双向流动): %(org)s") % {"org": case.organization}
    return form_page(request, form, title, _("Save"))
