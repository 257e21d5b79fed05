"""An expert's side of a drawn panel: the integrity pledge to accept, declining a seat, and their own profile
(changes wait for staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import apply_errors

from .. import selectors, services
from ..forms import ExpertProfileForm, LeaveForm
from ..models import DEFAULT_PLEDGE, Seat


def _own_seat(request, pk):
    if not request.user.is_expert:
        raise Http404
    return get_object_or_404(selectors.seats_of(request.user), pk=pk)


def _next(request, target):
    """Where to go once the pledge is accepted: a page of this site only."""
    target = target or ""
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""


def _pledge_page(request, seat, target="", leave_form=None):
    return render(request, "orgs/pledge.html", {"seat": seat, "next": target, "leave_form": leave_form or LeaveForm()})


@login_required
@require_safe
def pledge(request, pk):
    """The integrity pledge of one panel: read and accept before any material opens."""
    seat = _own_seat(request, pk)
    return _pledge_page(request, seat, _next(request, request.GET.get("next")))


@login_required
@require_POST
def pledge_accept(request, pk):
    seat = _own_seat(request, pk)
    target = _next(request, request.POST.get("next"))
    if seat.status != Seat.Status.PANEL:
        return _pledge_page(request, seat, target)  # a reserve has nothing to accept yet
    services.accept_pledge(request.user, seat)
    messages.success(request, _("Thank you. The panel's material is open to you."))
    return redirect(target or "orgs:expert_home")


def _panel(request, type_pk, pk):
    """What a panel made by hand is for (a round, an evaluation), for the experts on it only."""
    if not request.user.is_expert:
        raise Http404
    target = selectors.panel_target(request.user, type_pk, pk)
    if target is None:
        raise Http404
    return target


@login_required
@require_safe
def panel_pledge(request, type_pk, pk):
    """The integrity pledge of a panel staff made by hand: read and accept before any material opens."""
    target = _panel(request, type_pk, pk)
    context = {"label": str(target), "text": DEFAULT_PLEDGE, "next": _next(request, request.GET.get("next"))}
    context["accept_url"] = reverse("orgs:panel_pledge_accept", args=[type_pk, pk])
    return render(request, "orgs/panel_pledge.html", context)


@login_required
@require_POST
def panel_pledge_accept(request, type_pk, pk):
    target = _panel(request, type_pk, pk)
    services.accept_panel_pledge(request.user, target)
    messages.success(request, _("Thank you. The panel's material is open to you."))
    return redirect(_next(request, request.POST.get("next")) or "orgs:expert_home")


@login_required
@require_POST
def seat_leave(request, pk):
    seat = _own_seat(request, pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.leave_panel(request.user, seat, form.cleaned_data["reason"], form.cleaned_data["conflict"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.info(request, _("Thank you. A reserve takes your place on this panel."))
            return redirect("orgs:expert_home")
    return _pledge_page(request, seat, leave_form=form)


@login_required
def expert_profile(request):
    if not request.user.is_expert:
        raise Http404
    # Reading the page writes nothing: an expert without a profile yet gets one when staff approve a change.
    profile = selectors.own_profile(request.user)
    initial = {
        "affiliation": profile.affiliation,
        "title": profile.title,
        "fields": profile.fields,
        "relatives": profile.relatives,
        "available": profile.available,
        "tied_organizations": list(profile.tied_organizations.all()) if profile.pk else [],
    }
    form = ExpertProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.propose_profile_change(request.user, form.change())
        messages.success(request, _("Your change is sent to park staff for approval."))
        return redirect("orgs:expert_profile")
    return render(request, "orgs/expert_profile.html", {"form": form, "profile": profile})
