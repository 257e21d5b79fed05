"""The announcement (公示) and its objections: handling each objection, then making the awards final."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import apply_errors

from ... import selectors, services
from ...forms import HandleObjectionForm
from ...models import Objection, Round
from ..common import run, staff_only


def _objections_page(request, round_, handling=None):
    """The announcement's objections, each open one with its handling form; `handling` is (objection id,
    form) just posted with errors, shown with what was typed."""
    objections = list(selectors.objections_of(round_))
    for objection in objections:
        objection.form = handling[1] if handling and handling[0] == objection.pk else HandleObjectionForm()
    context = {"round": round_, "objections": objections, "announced": selectors.announced_proposals(round_)}
    return render(request, "venture/staff_objections.html", context)


@staff_only
@require_safe
def objections(request, pk):
    return _objections_page(request, get_object_or_404(Round, pk=pk))


@staff_only
@require_POST
def handle_objection(request, pk):
    objection = get_object_or_404(Objection.objects.select_related("round"), pk=pk)
    form = HandleObjectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.handle_objection(request.user, objection, data["outcome"], data["handling"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Handling recorded."))
            return redirect("venture:staff_objections", pk=objection.round_id)
    return _objections_page(request, objection.round, (objection.pk, form))


@staff_only
@require_POST
def finalize_awards(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    run(request, services.finalize_awards, round_, success=_("Awards are final; agreements are open."))
    return redirect("venture:staff_objections", pk=pk)
