"""Panels with the public: the public panel's scores and the bonuses, and each part of the combined ranking
with its formula."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator.forms import run_command

from ... import selectors, services
from ...aggregation import aggregate
from ...forms import BonusForm, PublicScoreForm
from ...models import Round
from ..common import staff_only


def _forms(round_, score=None, bonus=None):
    """The page's two forms over the round's reviewed proposals, each bound to what was posted to it."""
    proposals = selectors.reviewed_proposals(round_)
    return {
        "score_form": PublicScoreForm(score, proposals=proposals),
        "bonus_form": BonusForm(bonus, proposals=proposals, items=round_.bonus_items.all()),
    }


def _public_page(request, round_, forms):
    rows = list(selectors.reviewed_proposals(round_))
    panels = aggregate(round_).panels
    combined = selectors.combine(round_, {p.pk: panels[p.pk] for p in rows if p.pk in panels})
    rows = sorted(((p, combined.get(p.pk)) for p in rows), key=lambda r: (-(r[1].total if r[1] else 0), r[0].number))
    return render(
        request,
        "venture/staff_public.html",
        {"round": round_, "rows": rows, "formula": services.formula(round_)} | forms,
    )


@staff_only
@require_safe
def public(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    return _public_page(request, round_, _forms(round_))


@staff_only
@require_POST
def record_public_score(request, pk):
    """Refused, the page comes back with what was typed and why."""
    round_ = get_object_or_404(Round, pk=pk)
    forms = _forms(round_, score=request.POST)
    return run_command(
        request,
        forms["score_form"],
        lambda data: services.record_public_score(request.user, data["proposal"], data["score"], data["voters"]),
        success=_("The public panel's score is recorded."),
        done=redirect("venture:staff_public", pk=pk),
        again=lambda: _public_page(request, round_, forms),
    )


@staff_only
@require_POST
def grant_bonus(request, pk):
    """Refused, the page comes back with what was typed and why."""
    round_ = get_object_or_404(Round, pk=pk)
    forms = _forms(round_, bonus=request.POST)
    return run_command(
        request,
        forms["bonus_form"],
        lambda data: services.grant_bonus(request.user, data["proposal"], data["item"], data["note"]),
        success=_("The bonus is granted."),
        done=redirect("venture:staff_public", pk=pk),
        again=lambda: _public_page(request, round_, forms),
    )
