"""The staff page of one organization, and one address per thing staff do there: each stage step, the
responsible staff member, opening an evaluation, spaces, the services log, government bids."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import run_command
from incubator.roles import Role, require_role

from .. import selectors, services
from ..forms import (
    AllocateSpaceForm,
    EvaluationSetupForm,
    GovernmentBidForm,
    ResponsibleStaffForm,
    ServiceEntryForm,
    StageActionForm,
)
from ..models import EvaluationKind, Organization
from .common import rendered_panels

# Stage steps staff record on the organization page, each at its own address; evaluation outcomes come from
# the evaluation page.
PAGE_ACTIONS = ("start_inspection", "admit_resident", "complete", "decline", "withdraw", "terminate")
EVALUATION_ACTIONS = {
    "start_admission_evaluation": EvaluationKind.ADMISSION,
    "start_growth_evaluation": EvaluationKind.GROWTH,
}


def _page(request, org, **bound):
    """The organization page; `bound` replaces a blank form with the one the user just posted (with errors)."""
    incubation = getattr(org, "incubation", None)
    available = {t.name for t in incubation.get_available_stage_transitions()} if incubation else set()
    step_forms = [
        (step, services.action_label(step), bound.get(step) or StageActionForm(step=step), _step_url(step, org))
        # A refused step stays on the page with what was typed, even once the stage no longer offers it.
        for step in PAGE_ACTIONS
        if step in available or step in bound
    ]
    evaluation_forms = []
    for action, kind in EVALUATION_ACTIONS.items():
        if action in available or action in bound:
            form = bound.get(action) or EvaluationSetupForm(organization=org, kind=kind, prefix=action)
            evaluation_forms.append((action, kind.label, form))
    context = {
        "organization": org,
        "incubation": incubation,
        "step_forms": step_forms,
        "evaluation_forms": evaluation_forms,
        "space_form": bound.get("space") or AllocateSpaceForm(organization=org),
        "service_form": bound.get("service") or ServiceEntryForm(),
        "bid_form": bound.get("bid") or GovernmentBidForm(),
        "responsible_form": bound.get("responsible")
        or ResponsibleStaffForm(initial={"staff": incubation.responsible_staff_id if incubation else None}),
        "history": selectors.history_of(org, 30),
        "panels": rendered_panels("organization", request, org),
        "today": timezone.localdate(),
        "open_form": next(iter(bound), None),
    }
    return render(request, "orgs/organization.html", context)


def _step_url(step, org):
    return reverse(f"orgs:organization_{step}", args=[org.pk])


def _staff_organization(request, pk):
    require_role(request.user, Role.PARK_STAFF)
    try:
        return selectors.organization_page(request.user, pk)
    except Organization.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_safe
def organization(request, pk):
    return _page(request, _staff_organization(request, pk))


def _handle(request, org, name, form, action):
    """Run `action()` if the form is valid; on errors re-render the page with the typed values (200)."""
    return run_command(
        request,
        form,
        lambda _data: action(),
        success=_("Saved."),
        done=redirect("orgs:organization", org.pk),
        again=lambda: _page(request, org, **{name: form}),
    )


# -- the stage steps -----------------------------------------------------------------------------------------
def _step(request, pk, step, run):
    """One stage step: `run(incubation, cleaned data)` calls its service."""
    org = _staff_organization(request, pk)
    incubation = getattr(org, "incubation", None)
    if incubation is None:
        raise Http404
    form = StageActionForm(request.POST, step=step)
    return _handle(request, org, step, form, lambda: run(incubation, form.cleaned_data))


@login_required
@require_POST
def organization_start_inspection(request, pk):
    return _step(
        request, pk, "start_inspection", lambda i, d: services.start_inspection(request.user, i, d["on"], d["reason"])
    )


@login_required
@require_POST
def organization_admit_resident(request, pk):
    return _step(
        request,
        pk,
        "admit_resident",
        lambda i, d: services.admit_resident(request.user, i, d["months"], d["on"], d["reason"]),
    )


@login_required
@require_POST
def organization_complete(request, pk):
    return _step(request, pk, "complete", lambda i, d: services.complete(request.user, i, d["on"], d["reason"]))


@login_required
@require_POST
def organization_decline(request, pk):
    return _step(request, pk, "decline", lambda i, d: services.decline(request.user, i, d["reason"], d["on"]))


@login_required
@require_POST
def organization_withdraw(request, pk):
    return _step(request, pk, "withdraw", lambda i, d: services.withdraw(request.user, i, d["reason"], d["on"]))


@login_required
@require_POST
def organization_terminate(request, pk):
    return _step(request, pk, "terminate", lambda i, d: services.terminate(request.user, i, d["reason"], d["on"]))


# -- the rest of the page's forms ----------------------------------------------------------------------------
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
    require_role(request.user, Role.PARK_STAFF)
    allocation = get_object_or_404(selectors.allocations(), pk=pk)
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
