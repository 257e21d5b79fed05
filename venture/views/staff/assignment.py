"""Expert assignment: the round's proposals with their experts and each expert's load; the balanced
assignment of the whole round and the assignment of one expert by hand."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import run_command

from ... import selectors, services
from ...forms import AssignForm
from ...models import Proposal, Round
from ..common import run, staff_only


def _assignment_page(request, round_, refused_form=None, refused_proposal=None):
    """The assignment page; a refused hand assignment comes back on its row, the expert still chosen."""
    rows, load = selectors.assignment_table(round_)
    return render(
        request,
        "venture/staff_assignment.html",
        {
            "round": round_,
            "rows": rows,
            "load": load,
            # One list of experts for every row's picker (a form field would query once per row).
            "experts": list(selectors.experts()),
            "refused_form": refused_form,
            "refused_proposal": refused_proposal,
        },
    )


@staff_only
@require_safe
def assignment(request, pk):
    return _assignment_page(request, get_object_or_404(Round, pk=pk))


@staff_only
@require_POST
def run_assignment(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    made = run(request, services.balanced_assignment, round_, success=_("Balanced assignment done."))
    if made is not None:
        new, short = made
        messages.info(request, _("%(n)s assignments made.") % {"n": len(new)})
        for proposal in short:
            messages.warning(request, _("%(code)s: not enough experts without a conflict.") % {"code": proposal.code})
    return redirect("venture:staff_assignment", pk=pk)


@staff_only
@require_POST
def assign_expert(request, pk):
    """Assign one expert by hand. Refused (a recusal, a declared conflict, already on the panel), the page
    says why on the proposal's row with the expert still chosen."""
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk)
    form = AssignForm(request.POST, experts=selectors.experts())
    return run_command(
        request,
        form,
        lambda data: services.assign_expert(request.user, proposal, data["expert"]),
        done=redirect("venture:staff_assignment", pk=proposal.round_id),
        again=lambda: _assignment_page(request, proposal.round, form, proposal.pk),
        success=_("Expert assigned."),
    )
