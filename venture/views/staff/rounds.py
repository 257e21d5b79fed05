"""The rounds, a round's overview, its Excel exports, the expert draw for its panel and its score sheets."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator import jobs
from incubator.forms import apply_errors
from orgs import sheets as score_sheets
from orgs.forms import DrawForm

from ... import selectors, services
from ...exports import ROUND_EXPORT_TITLES, ROUND_EXPORTS
from ...models import ProposalState, Round
from ..common import staff_only


@staff_only
@require_safe
def rounds(request):
    return render(request, "venture/staff_rounds.html", {"rounds": selectors.rounds_for_staff()})


@staff_only
@require_safe
def round_detail(request, pk):
    round_ = get_object_or_404(selectors.rounds_for_staff(), pk=pk)
    counts = selectors.state_counts(round_)
    return render(
        request,
        "venture/staff_round.html",
        {
            "round": round_,
            "states": [(label, counts.get(value, 0), value) for value, label in ProposalState.choices],
            "money": selectors.money_summary(round_),
            "open_objections": selectors.open_objection_count(round_),
            "exports": ROUND_EXPORT_TITLES.items(),
        },
    )


@staff_only
@require_POST
def export_round(request, pk, what):
    """Start the round's export in Celery and send staff to its progress bar."""
    round_ = get_object_or_404(Round, pk=pk)
    if what not in ROUND_EXPORTS:
        raise Http404
    title = _("%(round)s: %(what)s (Excel)") % {"round": round_.code, "what": ROUND_EXPORT_TITLES[what]}
    job = jobs.start(request.user, "venture.export_round", title, round_id=round_.pk, what=what)
    return redirect("job_detail", pk=job.pk)


@staff_only
def draw(request, pk):
    """Draw the round's review panel from the expert pool (the page's own form); the panel is spread over the
    proposals."""
    round_ = get_object_or_404(Round, pk=pk)
    form = DrawForm(
        request.POST or None,
        initial={"panel_size": round_.experts_per_proposal + 2, "fields": round_.favoured_areas},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.draw_for_round(
                request.user, round_, data["panel_size"], data["reserve_count"], data["fields"], data["witnesses"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The panel is drawn and the experts are told."))
            return redirect("orgs:draw", made.pk)
    return render(request, "orgs/draw_form.html", {"form": form, "label": str(round_)})


@staff_only
@require_safe
def sheets(request, pk):
    """Each expert's score sheet over the round's proposals and the panel's summary sheet, print-ready."""
    round_ = get_object_or_404(Round.objects.select_related("rubric"), pk=pk)
    criteria = list(round_.rubric.criteria.all())
    reviews = list(selectors.score_sheet_reviews(round_))
    labels = {r.assignment.proposal_id: f"{r.assignment.proposal.code} {r.assignment.proposal.title}" for r in reviews}
    entries = [
        (
            r.assignment.expert,
            labels[r.assignment.proposal_id],
            {s.criterion_id: s.value for s in r.scores.all()},
            r.total,
            r.overall_comment,
        )
        for r in reviews
    ]
    context = score_sheets.build(criteria, entries)
    # The summary prints each proposal's score and rank as the ranking does (selectors.standings).
    standing = {labels[pid]: s for pid, s in selectors.standings(round_, list(labels)).items()}
    for row in context["summary"]:
        row["score"], row["rank"] = standing[row["label"]].score, standing[row["label"]].rank
    return render(request, "orgs/score_sheets.html", context | {"label": str(round_), "rule": round_.ranking_rule})
