from io import BytesIO

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from incubator import files
from incubator.panels import panels_for

from . import selectors, services
from .filters import OrganizationFilter
from .forms import (
    AllocateSpaceForm,
    ApplicantRegistrationForm,
    ApplicationForm,
    ConflictForm,
    DecisionForm,
    DocumentForm,
    EvaluationSetupForm,
    GovernmentBidForm,
    OrganizationProfileForm,
    ReplaceExpertForm,
    ScoreForm,
    ServiceEntryForm,
    StageActionForm,
)
from .models import Application, Evaluation, EvaluationKind, Organization, SpaceAllocation, Stage
from .resources import OrganizationResource
from .selectors import STAGES_IN_ORDER

# What comes next, for the applicant: the stage and the step after it.
NEXT_STEP = {
    Stage.APPLICATION: gettext_lazy("Park staff review your application and contact you for an inspection visit."),
    Stage.INSPECTION: gettext_lazy("Staff visit and coach you; then an expert panel holds the admission evaluation."),
    Stage.ADMISSION_EVALUATION: gettext_lazy("An expert panel scores your organization; staff tell you the decision."),
    Stage.IN_SHELL: gettext_lazy(
        "Use the park's space and services; a growth evaluation comes at the end of the period."
    ),
    Stage.GROWTH_EVALUATION: gettext_lazy("An expert panel scores your growth; passing means you exit the shell."),
    Stage.FOLLOW_UP: gettext_lazy(
        "One year of follow-up services: help with government purchase of services and resources."
    ),
    Stage.RESIDENT: gettext_lazy("Use the park's space and services for the agreement period."),
}
# Transitions staff make from the organization page; evaluation outcomes come from the evaluation page.
PAGE_ACTIONS = ("start_inspection", "admit_resident", "complete", "decline", "withdraw", "terminate")
EVALUATION_ACTIONS = {
    "start_admission_evaluation": EvaluationKind.ADMISSION,
    "start_growth_evaluation": EvaluationKind.GROWTH,
}


def register(request):
    """Self-registration of an applicant organization's account; staff confirm it."""
    if request.user.is_authenticated:
        return redirect("workspace")
    form = ApplicantRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = services.register_applicant(
            username=data["username"],
            password=data["password1"],
            full_name=data["full_name"],
            phone=data["phone"],
            email=data["email"],
            position=data["position"],
            organization=form.instance,
        )
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is created. Park staff will confirm it shortly."))
        return redirect("workspace")
    return render(request, "orgs/register.html", {"form": form})


def _panels(place, request, obj):
    """Other apps' panels for this page, each template rendered with its own context."""
    return [
        {"title": panel.title, "html": render_to_string(panel.template, panel.context, request)}
        for panel in panels_for(place, request, obj)
    ]


def _staff_only(request):
    if not request.user.is_park_staff:
        raise Http404


def _error_into_form(form, error):
    """Put a service's ValidationError onto the form, so the page shows it next to what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# -- public: recruitment calls -------------------------------------------------------------------------------
def calls(request):
    return render(request, "orgs/calls.html", {"calls": selectors.open_calls()})


def call_detail(request, pk):
    call = get_object_or_404(selectors.published_calls(), pk=pk)
    return render(request, "orgs/call_detail.html", {"call": call, "is_open": call.is_open()})


# -- applicant portal ----------------------------------------------------------------------------------------
@login_required
def my_organization(request):
    membership = selectors.membership_of(request.user)
    organization = selectors.organization_of(request.user)
    context = {"membership": membership, "organization": organization}
    if organization:
        incubation = getattr(organization, "incubation", None)
        context.update(
            incubation=incubation,
            next_step=NEXT_STEP.get(incubation.stage) if incubation else None,
            application=Application.objects.filter(organization=organization).first(),
            documents=selectors.documents_visible_to(request.user).filter(organization=organization),
            logs=incubation.logs.select_related("by") if incubation else [],
        )
    return render(request, "orgs/my_organization.html", context)


@login_required
def my_profile(request):
    organization = selectors.organization_of(request.user)
    if organization is None:
        raise Http404
    form = OrganizationProfileForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, form.instance)
        messages.success(request, _("Saved."))
        return redirect("orgs:my_organization")
    return render(
        request,
        "orgs/my_profile.html",
        {"form": form, "organization": organization, "page_title": _("Our details"), "submit_label": _("Save")},
    )


@login_required
def my_application(request):
    organization = selectors.organization_of(request.user)
    if organization is None:
        raise Http404
    application = Application.objects.filter(organization=organization).first() or Application(
        organization=organization, track=organization.track
    )
    if application.status == Application.Status.SUBMITTED:
        return redirect("orgs:my_organization")
    submitting = "submit" in request.POST
    form = ApplicationForm(request.POST or None, instance=application, submitting=submitting)
    document_form = DocumentForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.save_application(request.user, form.instance, submit=submitting)
        except ValidationError as error:
            _error_into_form(form, error)
        else:
            if submitting:
                messages.success(request, _("Your application is submitted. Park staff will contact you."))
                return redirect("orgs:my_organization")
            messages.success(request, _("Draft saved. You can come back and finish it later."))
            return redirect("orgs:my_application")
    documents = selectors.documents_visible_to(request.user).filter(organization=organization)
    return render(
        request,
        "orgs/my_application.html",
        {"form": form, "document_form": document_form, "documents": documents, "organization": organization},
    )


@login_required
def upload_document(request):
    """Applicants upload to their own organization; staff to the organization given in the form."""
    if request.user.is_park_staff and request.GET.get("organization"):
        organization = get_object_or_404(
            selectors.workbench_organizations(request.user), pk=request.GET["organization"]
        )
        back = redirect("orgs:organization", organization.pk)
    else:
        organization = selectors.organization_of(request.user)
        if organization is None:
            raise Http404
        back = redirect("orgs:my_application")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.upload_document(request.user, organization, form.cleaned_data["kind"], form.cleaned_data["file"])
        messages.success(request, _("Document uploaded."))
        return back
    return render(request, "orgs/upload.html", {"form": form, "organization": organization}, status=200)


@login_required
def download_document(request, pk):
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    return files.serve(document)


# -- expert portal -------------------------------------------------------------------------------------------
@login_required
def expert_home(request):
    if not request.user.is_expert:
        raise Http404
    return render(request, "orgs/expert_home.html", {"assignments": selectors.assignments_for_expert(request.user)})


@login_required
def expert_assignment(request, pk):
    assignment = get_object_or_404(selectors.assignments_for_expert(request.user), pk=pk)
    evaluation = assignment.evaluation
    criteria = list(evaluation.rubric.criteria.all())
    own = {s.criterion_id: s.value for s in assignment.scores.all()}
    form = ScoreForm(
        request.POST if "score" in request.POST else None,
        criteria=criteria,
        initial_scores=own,
        initial={"comment": assignment.comment},
    )
    conflict_form = ConflictForm(request.POST if "conflict" in request.POST else None)
    if request.method == "POST" and "score" in request.POST and form.is_valid():
        try:
            services.submit_scores(request.user, assignment, form.scores(), form.cleaned_data["comment"])
        except ValidationError as error:
            _error_into_form(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("orgs:expert_assignment", assignment.pk)
    if request.method == "POST" and "conflict" in request.POST and conflict_form.is_valid():
        services.declare_conflict(request.user, assignment, conflict_form.cleaned_data["note"])
        messages.info(request, _("Thank you. Park staff will replace you on this panel."))
        return redirect("orgs:expert_home")
    # Other experts' totals only once scoring is closed, and without their names.
    panel = None
    if evaluation.status != Evaluation.Status.OPEN:
        panel = sorted(a.total for a in evaluation.assignments.all() if a.is_active and a.total is not None)
    return render(
        request,
        "orgs/expert_assignment.html",
        {
            "assignment": assignment,
            "evaluation": evaluation,
            "form": form,
            "conflict_form": conflict_form,
            "panel_totals": panel,
            "documents": evaluation.organization.documents.all(),
        },
    )


@login_required
def expert_document(request, assignment_pk, pk):
    """An assigned expert reads the organization's documents."""
    assignment = get_object_or_404(selectors.assignments_for_expert(request.user), pk=assignment_pk)
    document = get_object_or_404(assignment.evaluation.organization.documents.all(), pk=pk)
    return files.serve(document)


# -- staff workbench -----------------------------------------------------------------------------------------
def _filtered(request):
    return OrganizationFilter(request.GET or None, queryset=selectors.workbench_organizations(request.user))


@login_required
def board(request):
    _staff_only(request)
    filterset = _filtered(request)
    counts = selectors.pipeline(filterset.qs)
    sites = [s for s in filterset.filters["site"].queryset if s.pk in counts or not request.GET.get("site")]
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
            "overdue": filterset.qs.filter(selectors.overdue_q()).count(),
            "density": selectors.registered_density(),
            "occupancy": selectors.occupancy_by_site(),
            "to_decide": selectors.evaluations_to_decide()[:20],
        },
    )


@login_required
def organization_list(request):
    _staff_only(request)
    filterset = _filtered(request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "orgs/organization_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode(), "today": timezone.localdate()},
    )


@login_required
def organization_export(request):
    _staff_only(request)
    dataset = OrganizationResource().export(_filtered(request).qs)
    buffer = BytesIO(dataset.export("xlsx"))
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="organizations-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


def _page(request, org, status=200, **bound):
    """The organization page; `bound` replaces a blank form with the one the user just posted (with errors)."""
    incubation = getattr(org, "incubation", None)
    available = {t.name for t in incubation.get_available_stage_transitions()} if incubation else set()
    evaluation_forms = []
    for action, kind in EVALUATION_ACTIONS.items():
        if action in available:
            form = bound.get(action) or EvaluationSetupForm(organization=org, prefix=action)
            evaluation_forms.append((action, kind.label, form))
    context = {
        "organization": org,
        "incubation": incubation,
        "stage_form": bound.get("stage") or StageActionForm(actions=[a for a in PAGE_ACTIONS if a in available]),
        "evaluation_forms": evaluation_forms,
        "space_form": bound.get("space") or AllocateSpaceForm(organization=org),
        "service_form": bound.get("service") or ServiceEntryForm(),
        "bid_form": bound.get("bid") or GovernmentBidForm(),
        "history": org.history.select_related("history_user")[:30],
        "panels": _panels("organization", request, org),
        "today": timezone.localdate(),
        "open_form": next(iter(bound), None),
    }
    return render(request, "orgs/organization.html", context, status=status)


def _staff_organization(request, pk):
    _staff_only(request)
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
            _error_into_form(form, error)
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
def organization_evaluation(request, pk, action):
    org = _staff_organization(request, pk)
    if action not in EVALUATION_ACTIONS:
        raise Http404
    form = EvaluationSetupForm(request.POST, organization=org, prefix=action)

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
    _staff_only(request)
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
    _staff_only(request)
    return render(
        request,
        "orgs/spaces.html",
        {"occupancy": selectors.occupancy_by_site(), "spaces": selectors.spaces_with_holders()},
    )


# -- stage evaluations (staff) -------------------------------------------------------------------------------
def _staff_evaluation(request, pk):
    try:
        return selectors.evaluation_for_staff(request.user, pk)
    except Evaluation.DoesNotExist as error:
        raise Http404 from error


@login_required
def evaluation(request, pk, **bound):
    evaluation = _staff_evaluation(request, pk)
    criteria = list(evaluation.rubric.criteria.all())
    rows = []
    for assignment in evaluation.assignments.all():
        scores = {s.criterion_id: s.value for s in assignment.scores.all()}
        rows.append({"assignment": assignment, "scores": [scores.get(c.pk) for c in criteria]})
    return render(
        request,
        "orgs/evaluation.html",
        {
            "evaluation": evaluation,
            "criteria": criteria,
            "rows": rows,
            "panel": services.panel_of(evaluation),
            "replace_form": bound.get("replace") or ReplaceExpertForm(evaluation=evaluation),
            "assign_form": bound.get("assign") or ReplaceExpertForm(evaluation=evaluation, prefix="assign"),
            "decision_form": bound.get("decision") or DecisionForm(evaluation=evaluation),
            "panels": _panels("evaluation", request, evaluation),
            "history": evaluation.history.select_related("history_user")[:20],
        },
    )


@login_required
@require_POST
def evaluation_action(request, pk, step):
    ev = _staff_evaluation(request, pk)
    try:
        if step == "close":
            services.close_evaluation(request.user, ev)
        elif step == "assign":
            form = ReplaceExpertForm(request.POST, evaluation=ev, prefix="assign")
            if not form.is_valid():
                return evaluation(request, pk, assign=form)
            services.assign_expert(request.user, ev, form.cleaned_data["expert"])
        elif step == "replace":
            form = ReplaceExpertForm(request.POST, evaluation=ev)
            assignment = get_object_or_404(ev.assignments.all(), pk=request.POST.get("assignment"))
            if not form.is_valid():
                return evaluation(request, pk, replace=form)
            services.replace_expert(request.user, assignment, form.cleaned_data["expert"])
        elif step == "decide":
            form = DecisionForm(request.POST, evaluation=ev)
            if not form.is_valid():
                return evaluation(request, pk, decision=form)
            data = form.cleaned_data
            services.decide_evaluation(request.user, ev, data["decision"], data["note"], data["months"])
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Saved."))
    return redirect("orgs:evaluation", pk)
