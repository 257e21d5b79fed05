"""Preliminary screening (初审): the round's queue, and each proposal's screening form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incubator.forms import apply_errors

from ... import selectors, services
from ...forms import ScreeningForm
from ...models import Round
from ..common import staff_only


@staff_only
@require_safe
def screening(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    return render(
        request, "venture/staff_screening.html", {"round": round_, "proposals": selectors.screening_queue(round_)}
    )


@staff_only
def screen(request, pk):
    """The screening form of one proposal (the page's own form: it records the screening)."""
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.screen(request.user, proposal, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Screening recorded."))
            return redirect("venture:staff_screening", pk=proposal.round_id)
    return render(
        request,
        "venture/staff_screen.html",
        {"proposal": proposal, "form": form, "missing": services.missing_for_submission(proposal)},
    )
