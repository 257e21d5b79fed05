"""The applicant portal: my organization, my details, my application, my documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from incubator import files
from incubator.forms import apply_errors, row_named

from .. import selectors, services
from ..forms import (
    ApplicationForm,
    DocumentForm,
    OrganizationProfileForm,
)
from ..models import Application, Stage

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
            application=selectors.application_of(organization),
            may_apply=selectors.may_apply(organization),
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


def _application(request):
    """The applicant's organization and the application in progress: its draft, or a new one (to the call the
    applicant came from, when it is open), or 404."""
    organization = selectors.organization_of(request.user)
    if organization is None:
        raise Http404
    application = selectors.application_of(organization)
    if application is None or not application.is_draft:
        call = selectors.open_calls().filter(pk=request.GET.get("call") or None).first()
        application = Application(organization=organization, track=organization.track, call=call)
    return organization, application


def _application_page(request, organization, form, document_form=None):
    documents = selectors.documents_visible_to(request.user).filter(organization=organization)
    return render(
        request,
        "orgs/my_application.html",
        {
            "form": form,
            "document_form": document_form or DocumentForm(prefix="document"),
            "documents": documents,
            "organization": organization,
        },
    )


def _save(request, form, submit):
    """Save the application (and submit it, if asked); refused, the form carries the reason."""
    if not form.is_valid():
        return False
    try:
        services.save_application(request.user, form.instance, submit=submit)
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@login_required
def my_application(request):
    """The application as a draft the applicant saves as often as they like."""
    organization, application = _application(request)
    if not selectors.may_apply(organization):
        return redirect("orgs:my_organization")
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and _save(request, form, submit=False):
        messages.success(request, _("Draft saved. You can come back and finish it later."))
        return redirect("orgs:my_application")
    return _application_page(request, organization, form)


@login_required
@require_POST
def my_application_submit(request):
    """Submit the application as typed: complete, it goes to park staff; not, it comes back with what is missing."""
    organization, application = _application(request)
    form = ApplicationForm(request.POST, instance=application, submitting=True)
    if _save(request, form, submit=True):
        messages.success(request, _("Your application is submitted. Park staff will contact you."))
        return redirect("orgs:my_organization")
    return _application_page(request, organization, form)


@login_required
@require_POST
def my_application_upload(request):
    """Upload a document from the application page: what was typed in the application is saved as the draft
    with it (or, if it cannot be saved yet, shown again as typed), never lost."""
    organization, application = _application(request)
    if not selectors.may_apply(organization):
        return redirect("orgs:my_organization")
    form = ApplicationForm(request.POST, instance=application)
    document_form = DocumentForm(request.POST, request.FILES, prefix="document")
    if document_form.is_valid():
        data = document_form.cleaned_data
        services.upload_document(request.user, organization, data["kind"], data["file"])
        messages.success(request, _("Document uploaded."))
        document_form = None
    saved = not form.has_changed() or _save(request, form, submit=False)
    if saved and document_form is None:
        return redirect("orgs:my_application")
    return _application_page(request, organization, form, document_form)


@login_required
def upload_document(request):
    """Applicants upload to their own organization; staff to the organization given in the form."""
    if request.user.is_park_staff and request.GET.get("organization"):
        organization = row_named(selectors.workbench_organizations(request.user), request.GET["organization"])
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
    return render(request, "orgs/upload.html", {"form": form, "organization": organization})


@login_required
def download_document(request, pk):
    document = get_object_or_404(selectors.documents_visible_to(request.user), pk=pk)
    return files.serve(document)
