"""Public pages: the round's call, the announcement (公示) with its objection form, the funded projects."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import ObjectionForm, apply_errors
from ..models import ProposalState


def rounds(request):
    return render(request, "venture/rounds.html", {"rounds": selectors.public_rounds()})


def round_page(request, code):
    round_ = get_object_or_404(selectors.public_rounds(), code=code)
    return render(
        request,
        "venture/round.html",
        {"round": round_, "money": selectors.money_summary(round_) if round_.finalized_at else None},
    )


def announcement(request, code):
    round_ = get_object_or_404(selectors.public_rounds(), code=code, announced_at__isnull=False)
    proposals = selectors.announced_proposals(round_)
    open_for_objections = proposals.filter(state=ProposalState.ANNOUNCED)
    form = ObjectionForm(request.POST or None, proposals=open_for_objections)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_objection(
                round_,
                form.cleaned_data["proposal"],
                form.cleaned_data["name"],
                form.cleaned_data["contact"],
                form.cleaned_data["text"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your objection is recorded. Park staff will contact you."))
            return redirect("venture:announcement", code=code)
    return render(request, "venture/announcement.html", {"round": round_, "proposals": proposals, "form": form})


def funded(request):
    return render(request, "venture/funded.html", {"proposals": selectors.funded_projects()})
