"""Public pages: registration of an applicant account and the recruitment calls."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import (
    ApplicantRegistrationForm,
)


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


# -- public: recruitment calls -------------------------------------------------------------------------------
def calls(request):
    return render(request, "orgs/calls.html", {"calls": selectors.open_calls()})


def call_detail(request, pk):
    call = get_object_or_404(selectors.published_calls(), pk=pk)
    return render(request, "orgs/call_detail.html", {"call": call, "is_open": call.is_open()})
