"""Panels that include the public: recording the public panel's score and the bonuses (the combined figure
the ranking uses is selectors.standings.combine)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import ProposalBonus, PublicScore
from ..permissions import is_park_staff
from .common import save_logged


def _open_for_scores(round_):
    if round_.review_closed:
        raise ValidationError(_("The review of this round is closed."))


@transaction.atomic
def record_public_score(by, proposal, score, voters):
    if not is_park_staff(by):
        raise PermissionDenied
    _open_for_scores(proposal.round)
    if not (0 <= score <= 100) or voters < 1:
        raise ValidationError({"score": _("A score between 0 and 100, from at least one member of the public.")})
    record = PublicScore.objects.filter(proposal=proposal).first() or PublicScore(proposal=proposal)
    record.score, record.voters, record.recorded_by = score, voters, by
    return save_logged(record, by, "public panel score")


@transaction.atomic
def grant_bonus(by, proposal, item, note):
    if not is_park_staff(by):
        raise PermissionDenied
    _open_for_scores(proposal.round)
    if item.round_id != proposal.round_id:
        raise ValidationError({"item": _("This bonus item belongs to another round.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Name the evidence, e.g. the co-funding letter.")})
    bonus, _created = ProposalBonus.objects.get_or_create(
        proposal=proposal, item=item, defaults={"note": note.strip(), "granted_by": by}
    )
    return bonus


def missing_public_scores(round_, proposals):
    if not round_.public_share:
        return []
    have = set(PublicScore.objects.filter(proposal__in=proposals).values_list("proposal_id", flat=True))
    return [p.code for p in proposals if p.pk not in have]


def formula(round_):
    share = round_.public_share
    return gettext("Score = experts × %(experts)s%% + public panel × %(public)s%% + bonus points (at most %(cap)s)") % {
        "experts": 100 - share,
        "public": share,
        "cap": round_.bonus_cap,
    }
