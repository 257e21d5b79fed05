"""Party pages: the workbench of party-building staff, the instructors' portal, each organization's party page
and the party organizations of the 1+1+6 structure. Thin: selectors find, services change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import exports, selectors, services
from .forms import (
    AdvanceForm,
    AssignInstructorForm,
    FlowForm,
    HonourForm,
    JoinForm,
    MeetingForm,
    MemberForm,
    OpenCaseForm,
    PartyOrganizationForm,
    RatingForm,
    SupportForm,
    TrainingForm,
)
from .models import Band, MemberAccess, PartyMember, PartyOrganization, Stage, StarRating, TalentFlow
from .permissions import can_export_members, can_see_members, can_work_on, is_party_staff

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _party_staff_only(user):
    if not is_party_staff(user):
        raise PermissionDenied


def _form_page(request, form, title, submit, intro=""):
    return render(
        request,
        "partybuild/form.html",
        {"form": form, "page_title": title, "submit_label": submit, "intro": intro},
    )


def _apply_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def workbench(request):
    _party_staff_only(request.user)
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
    stage, band, site, q = (request.GET.get(k, "") for k in ("stage", "band", "site", "q"))
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if band in Band.values:
        qs = qs.filter(band_code=band)
    if site.isdigit():
        qs = qs.filter(organization__site_id=int(site))
    if q:
        qs = qs.filter(Q(organization__name__icontains=q) | Q(organization__short_name__icontains=q))
    page = Paginator(qs.order_by("organization__name"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "title": title,
        "stages": Stage.choices,
        "bands": Band.choices,
        "sites": selectors.sites(),
        "filters": {"stage": stage, "band": band, "site": site, "q": q},
        "query": query.urlencode(),
    }
    return render(request, template, context)


@login_required
def cases(request):
    if not (is_party_staff(request.user) or request.user.is_park_staff):
        raise PermissionDenied
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
    case = selectors.case_for(request.user, org_id)
    party_organizations = list(selectors.party_organizations_of(case.organization).select_related("parent"))
    ids = [p.pk for p in party_organizations]
    ratings = selectors.latest_ratings(ids)
    context = {
        "case": case,
        "stage_choices": Stage.choices,
        "log": case.log.select_related("by"),
        "history": case.history.select_related("history_user")[:20],
        "proposal": services.proposed_formation(case),
        "advances": services.available_advances(case) if can_work_on(request.user, case) else [],
        "advance_form": AdvanceForm(),
        "can_work": can_work_on(request.user, case),
        "can_see_members": can_see_members(request.user, case),
        "is_party_staff": is_party_staff(request.user),
        "party_organizations": [(p, ratings.get(p.pk)) for p in party_organizations],
        "supports": selectors.supports_for(organization=case.organization),
        "support_totals": selectors.support_totals(selectors.supports_for(organization=case.organization)),
        "meetings": selectors.meetings_for_organization(case.organization)[:10],
        "trainings": case.organization.party_trainings.all()[:10],
        "priority": selectors.project_priority(case.organization, party_organizations, ratings),
    }
    return render(request, "partybuild/case.html", context)


@login_required
@require_POST
def advance(request, org_id):
    case = selectors.case_for(request.user, org_id)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            services.advance(request.user, case, request.POST.get("step", ""), form.cleaned_data["reason"])
            messages.success(request, _("The stage is updated."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("partybuild:case", org_id)


@login_required
def assign(request, org_id):
    _party_staff_only(request.user)
    case = selectors.case_for(request.user, org_id)
    initial = {"instructor": case.instructor, "dual_duty": case.dual_duty, "pairing_unit": case.pairing_unit}
    form = AssignInstructorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.assign_instructor(request.user, case, data["instructor"], data["dual_duty"], data["pairing_unit"])
        messages.success(request, _("Saved."))
        return redirect("partybuild:case", org_id)
    return _form_page(request, form, _("Instructor and pairing: %(org)s") % {"org": case.organization}, _("Save"))


# Member pages answer 404 to anyone who may not see the names, anonymous visitors included: no login
# redirect that would confirm the page exists.
def _case_with_members(request, org_id):
    """The case of an organization whose member names this user may see; 404 otherwise (no hint)."""
    case = selectors.case_for(request.user, org_id)
    if not can_see_members(request.user, case):
        raise Http404
    return case


def members(request, org_id):
    case = _case_with_members(request, org_id)
    services.log_member_access(request.user, case.organization)
    context = {
        "case": case,
        "members": selectors.members_of(case),
        "flows": TalentFlow.objects.filter(member__case=case).select_related("member"),
        "can_export": can_export_members(request.user),
        "proposal": services.proposed_formation(case),
    }
    return render(request, "partybuild/members.html", context)


def member_edit(request, org_id, pk=None):
    case = _case_with_members(request, org_id)
    member = get_object_or_404(PartyMember, pk=pk, case=case) if pk else None
    if member is not None and request.method == "GET":
        services.log_member_access(request.user, case.organization)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_member(request.user, case, form.instance)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The member record is saved."))
            return redirect("partybuild:members", org_id)
    title = _("Party member of %(org)s") % {"org": case.organization}
    intro = _("Sensitive personal information: record only with the member's separate consent.")
    return _form_page(request, form, title, _("Save"), intro)


@require_POST
def member_remove(request, org_id, pk):
    case = _case_with_members(request, org_id)
    services.remove_member(request.user, get_object_or_404(PartyMember, pk=pk, case=case))
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
    organization = None
    if org_id is not None:
        organization = selectors.case_for(request.user, org_id).organization
    rows = selectors.members_for_export([organization.pk] if organization else None)
    services.log_member_access(request.user, organization, MemberAccess.Action.EXPORT)
    stamp = timezone.localdate().isoformat()
    return _xlsx(exports.members_workbook(rows), f"party-members-{org_id or 'all'}-{stamp}.xlsx")


@login_required
def support_add(request, org_id=None, pk=None):
    if org_id is not None:
        case = selectors.case_for(request.user, org_id)
        if not can_work_on(request.user, case):
            raise PermissionDenied
        target, back = {"organization": case.organization}, ("partybuild:case", org_id)
    else:
        party_organization = selectors.party_organization_for(request.user, pk)
        _party_staff_only(request.user)
        target, back = {"party_organization": party_organization}, ("partybuild:party_organization", pk)
    form = SupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for attr, value in target.items():
            setattr(form.instance, attr, value)
        try:
            services.record_support(request.user, form.instance)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The support is recorded."))
            return redirect(*back)
    title = _("Record a support: %(to)s") % {"to": next(iter(target.values()))}
    return _form_page(request, form, title, _("Save"))


@login_required
def open_case(request):
    _party_staff_only(request.user)
    form = OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opened = services.open_cases_by_hand(
            request.user, form.cleaned_data["organizations"], form.cleaned_data["reason"]
        )
        messages.success(request, _("Party incubation cases opened: %(n)s") % {"n": len(opened)})
        return redirect("partybuild:cases")
    intro = _("For organizations admitted before cases opened on admission.")
    return _form_page(request, form, _("Open a party incubation case"), _("Open"), intro)


@login_required
def structure(request):
    if not (is_party_staff(request.user) or request.user.is_park_staff):
        raise PermissionDenied
    party_organizations = list(selectors.party_organizations().order_by("kind", "site__order", "name"))
    ratings = selectors.latest_ratings([p.pk for p in party_organizations])
    rows = [(p, ratings.get(p.pk)) for p in party_organizations]
    return render(request, "partybuild/structure.html", {"rows": rows, "is_party_staff": is_party_staff(request.user)})


@login_required
def party_organization_add(request):
    _party_staff_only(request.user)
    form = PartyOrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            party_organization = services.form_party_organization(request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            for warning in services.joint_branch_warnings(party_organization):
                messages.warning(request, warning)
            messages.success(request, _("The party organization is formed."))
            return redirect("partybuild:party_organization", party_organization.pk)
    intro = _("An own branch needs at least 3 full members; organizations with fewer join a joint branch.")
    return _form_page(request, form, _("Form a party organization"), _("Form"), intro)


@login_required
def party_organization(request, pk):
    party_organization = selectors.party_organization_for(request.user, pk)
    context = {
        "po": party_organization,
        "member_cases": selectors.cases().filter(organization__party_organizations=party_organization),
        "meetings": selectors.meetings_of(party_organization),
        "ratings": party_organization.ratings.select_related("scheme"),
        "supports": selectors.supports_for(party_organization=party_organization),
        "support_totals": selectors.support_totals(selectors.supports_for(party_organization=party_organization)),
        "honours": selectors.honours_of([party_organization.pk]),
        "children": party_organization.children.all(),
        "is_party_staff": is_party_staff(request.user),
        "join_form": JoinForm(party_organization=party_organization)
        if party_organization.kind == PartyOrganization.Kind.JOINT_BRANCH
        else None,
        "warnings": services.joint_branch_warnings(party_organization),
        "history": party_organization.history.select_related("history_user")[:20],
    }
    return render(request, "partybuild/party_organization.html", context)


@login_required
@require_POST
def join(request, pk):
    _party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = JoinForm(request.POST, party_organization=party_organization)
    if form.is_valid():
        try:
            for warning in services.join_party_organization(
                request.user, party_organization, form.cleaned_data["organization"]
            ):
                messages.warning(request, warning)
            messages.success(request, _("The organization joined the branch."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose an organization."))
    return redirect("partybuild:party_organization", pk)


@login_required
def meeting_add(request, pk):
    _party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = MeetingForm(request.POST or None, party_organization=party_organization)
    form.instance.party_organization = party_organization
    if request.method == "POST" and form.is_valid():
        services.record_meeting(request.user, form.save(commit=False), form.cleaned_data["attending_organizations"])
        messages.success(request, _("The joint meeting is recorded."))
        return redirect("partybuild:party_organization", pk)
    title = _("Joint meeting of %(name)s") % {"name": party_organization}
    return _form_page(request, form, title, _("Save"))


@login_required
def rating_add(request, pk):
    _party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    scheme = selectors.current_scheme()
    if scheme is None:
        messages.error(request, _("Set up a current star-rating scheme in the administration first."))
        return redirect("partybuild:party_organization", pk)
    form = RatingForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate(
                request.user,
                party_organization,
                form.cleaned_data["year"],
                scheme,
                form.points(),
                form.cleaned_data["innovation"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("The rating is saved as a draft; announce it to start the public announcement.")
            )
            return redirect("partybuild:party_organization", pk)
    title = _("Star rating of %(name)s") % {"name": party_organization}
    return _form_page(request, form, title, _("Save"), scheme.name)


@login_required
@require_POST
def rating_step(request, pk, step):
    _party_staff_only(request.user)
    rating = get_object_or_404(StarRating, pk=pk)
    action = {"announce": services.announce_rating, "finalize": services.finalize_rating}.get(step)
    if action is None:
        raise Http404
    try:
        action(request.user, rating)
        messages.success(request, _("The rating is updated."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("partybuild:party_organization", rating.party_organization_id)


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
    return _form_page(request, form, _("Training: %(org)s") % {"org": case.organization}, _("Save"))


def flow_add(request, org_id):
    case = _case_with_members(request, org_id)
    form = FlowForm(request.POST or None, case=case)
    if request.method == "GET":
        services.log_member_access(request.user, case.organization)  # the form lists the members' names
    if request.method == "POST" and form.is_valid():
        services.record_flow(request.user, form.instance)
        messages.success(request, _("The two-way flow is recorded."))
        return redirect("partybuild:members", org_id)
    title = _("Two-way flow (双向流动): %(org)s") % {"org": case.organization}
    return _form_page(request, form, title, _("Save"))


@login_required
def honour_add(request, pk):
    _party_staff_only(request.user)
    party_organization = selectors.party_organization_for(request.user, pk)
    form = HonourForm(request.POST or None)
    form.instance.party_organization = party_organization
    if request.method == "POST" and form.is_valid():
        services.award_honour(request.user, form.instance)
        messages.success(request, _("The honour is recorded."))
        return redirect("partybuild:party_organization", pk)
    title = _("Model selection and commendation: %(name)s") % {"name": party_organization}
    return _form_page(request, form, title, _("Save"))
