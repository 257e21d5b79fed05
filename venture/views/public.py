"""Public pages: the round's call, the announcement (公示) and the objections filed on it, the funded projects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import apply_errors
from incubator.throttle import public_post_throttled

from .. import selectors, services
from ..forms import ObjectionForm


@require_safe
def rounds(request):
    return render(request, "venture/rounds.html", {"rounds": selectors.public_rounds()})


@require_safe
def round_page(request, code):
    round_ = get_object_or_404(selectors.public_rounds(), code=code)
    return render(
        request,
        "venture/round.html",
        {"round": round_, "money": selectors.money_summary(round_) if round_.finalized_at else None},
    )


def _announcement_page(request, round_, form=None, status=200):
    proposals = selectors.announced_proposals(round_)
    if form is None:
        form = ObjectionForm(proposals=selectors.open_for_objections(round_))
    return render(
        request, "venture/announcement.html", {"round": round_, "proposals": proposals, "form": form}, status=status
    )


def _announced_round(code):
    return get_object_or_404(selectors.public_rounds(), code=code, announced_at__isnull=False)


@require_safe
def announcement(request, code):
    return _announcement_page(request, _announced_round(code))


@require_POST
def file_objection(request, code):
    """Anyone may object to a proposed award; refused, the announcement comes back with what was typed."""
    round_ = _announced_round(code)
    form = ObjectionForm(request.POST, proposals=selectors.open_for_objections(round_))
    if public_post_throttled(request, "objection", request.POST.get("contact", "")):
        form.is_valid()
        form.add_error(
            None, _("Too many objections from here in the last hour. What you typed is kept; try again later.")
        )
        return _announcement_page(request, round_, form, status=429)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.file_objection(round_, data["proposal"], data["name"], data["contact"], data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your objection is recorded. Park staff will contact you."))
            return redirect("venture:announcement", code=code)
    return _announcement_page(request, round_, form)


@require_safe
def funded(request):
    return render(request, "venture/funded.html", {"proposals": selectors.funded_projects()})
