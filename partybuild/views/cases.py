"""The workbench, the case lists and each organization's party page with its stages, instructor,
supports and training."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incubator.forms import apply_errors, run_command
from incubator.roles import Role, require_role
from orgs import selectors as orgs_selectors

from .. import selectors, services
from ..forms import AdvanceForm, AssignInstructorForm, CaseFilter, OpenCaseForm, SupportForm, TrainingForm
from ..models import Band, PartyCase, Stage
from ..permissions import can_see_members, can_work_on, is_party_staff
from .common import form_page, party_staff_only


@login_required
def workbench(request):
    party_staff_only(request.user)
    context = {
        "coverage": selectors.coverage(),
        "bands": selectors.band_counts(),
        "stages": selectors.stage_counts(),
        "branches": selectors.branch_counts(),
        "caseloads": selectors.instructor_caseloads(),
        "supports": selectors.support_totals(),
        "unopened": selectors.organizations_without_case().count(),
    }
    return render(request, "partybuild/workbench.html", context)


def _case_list(request, qs, title, template="partybuild/cases.html"):
    form = CaseFilter(request.GET)
    qs = selectors.filtered_cases(qs, form.criteria())
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "title": title,
        "stages": Stage.choices,
        "bands": Band.choices,
        "sites": selectors.sites(),
        "filters": {name: request.GET.get(name, "") for name in form.fields},  # as typed
        "query": query.urlencode(),
    }
    return render(request, template, context)


@login_required
def cases(request):
    require_role(request.user, Role.PARTY_STAFF, Role.PARK_STAFF)
    return _case_list(request, selectors.cases_visible_to(request.user), _("Party incubation of organizations"))


@login_required
def mine(request):
    if not request.user.is_instructor:
        raise PermissionDenied
    return _case_list(
        request, selectors.cases_visible_to(request.user).filter(instructor=request.user), _("My organizations")
    )


@login_required
def case(request, org_id):
    return _case_page(request, selectors.case_for(request.user, org_id))


def _case_page(request, case):
    party_organizations = list(selectors.party_organizations_of(case.organization).select_related("parent"))
    ids = [p.pk for p in party_organizations]
    ratings = selectors.latest_ratings(ids)
    context = {
        "case": case,
        "stage_choices": Stage.choices,
        "log": selectors.case_log(case),
        "history": orgs_selectors.history_of(case),
        "proposal": services.proposed_formation(case),
        "next_steps": case.next_steps() if can_work_on(request.user, case) else [],
        "can_work": can_work_on(request.user, case),
        "can_see_members": can_see_members(request.user, case),
        "is_party_staff": is_party_staff(request.user),
        "party_organizations": [(p, ratings.get(p.pk)) for p in party_organizations],
        "supports": selectors.supports_for(organization=case.organization),
        "support_totals": selectors.support_totals(selectors.supports_for(organization=case.organization)),
        "meetings": selectors.meetings_for_organization(case.organization)[:10],
        "trainings": selectors.trainings_of(case.organization),
        "priority": selectors.project_priority(case.organization, party_organizations, ratings),
    }
    return render(request, "partybuild/case.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def step(request, org_id, step):
    """A stage step: the page asks staff to confirm it with a note; the POST takes it. Refused, the page again
    with why and the note as typed."""
    case = selectors.case_for(request.user, org_id)
    if not can_work_on(request.user, case):
        raise PermissionDenied
    form = AdvanceForm(request.POST or None)
    if request.method == "GET":
        return _step_page(request, case, step, form)
    return run_command(
        request,
        form,
        lambda data: services.advance(request.user, case, step, data["note"]),
        success=_("The stage is updated."),
        done=redirect("partybuild:case", org_id),
        again=lambda: _step_page(request, case, step, form),
    )


def _step_page(request, case, step, form):
    transition = PartyCase.steps()[step]
    context = {
        "case": case,
        "transition": transition,
        "offered": transition.source == case.stage,
        "rules": [(check.refusal, check(case)) for check in transition.conditions],
        "form": form,
    }
    return render(request, "partybuild/step.html", context)


@login_required
def assign(request, org_id):
    party_staff_only(request.user)
    case = selectors.case_for(request.user, org_id)
    initial = {"instructor": case.instructor, "dual_duty": case.dual_duty, "pairing_unit": case.pairing_unit}
    form = AssignInstructorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.assign_instructor(request.user, case, data["instructor"], data["dual_duty"], data["pairing_unit"])
        messages.success(request, _("Saved."))
        return redirect("partybuild:case", org_id)
    return form_page(request, form, _("Instructor and pairing: %(org)s") % {"org": case.organization}, _("Save"))


@login_required
def support_add(request, org_id=None, pk=None):
    if org_id is not None:
        case = selectors.case_for(request.user, org_id)
        if not can_work_on(request.user, case):
            raise PermissionDenied
        target, back = {"organization": case.organization}, ("partybuild:case", org_id)
    else:
        party_organization = selectors.party_organization_for(request.user, pk)
        party_staff_only(request.user)
        target, back = {"party_organization": party_organization}, ("partybuild:party_organization", pk)
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for attr, value in target.items():
            setattr(form.instance, attr, value)
        try:
            services.record_support(request.user, form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The support is recorded."))
            return redirect(*back)
    title = _("Record a support: %(to)s") % {"to": next(iter(target.values()))}
    return form_page(request, form, title, _("Save"))


@login_required
def open_case(request):
    party_staff_only(request.user)
    form = OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opened = services.open_cases_by_hand(
            request.user, form.cleaned_data["organizations"], form.cleaned_data["reason"]
        )
        messages.success(request, _("Party incubation cases opened: %(n)s") % {"n": len(opened)})
        return redirect("partybuild:cases")
    intro = _("For organizations admitted before cases opened on admission.")
    return form_page(request, form, _("Open a party incubation case"), _("Open"), intro)


@login_required
def training_add(request, org_id):
    case = selectors.case_for(request.user, org_id)
    if not can_work_on(request.user, case):
        raise PermissionDenied
    form = TrainingForm(request.POST or None)
    form.instance.organization = case.organization
    if request.method == "POST" and form.is_valid():
        services.record_training(request.user, form.instance)
        messages.success(request, _("The training is recorded."))
        return redirect("partybuild:case", org_id)
    return form_page(request, form, _("Training: %(org)s") % {"org": case.organization}, _("Save"))
