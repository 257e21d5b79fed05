"""A round's review panel drawn from the orgs expert pool (专家抽取): the draw's scope is every organization
with a proposal in review, its panel is spread over the proposals by balanced assignment, and a reserve who
steps in takes over the unsubmitted reviews of the expert who left."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from orgs import services as orgs_services
from orgs.models import Organization
from orgs.selectors import recusals
from orgs.services.pool import DrawTarget

from ..models import Assignment, ProposalState, Review, ReviewKind
from ..permissions import is_park_staff
from .common import save_logged
from .review import assign_expert, balanced_assignment

S = ProposalState


@transaction.atomic
def draw_for_round(by, round_, panel_size, reserve_count=2, fields=(), witnesses="", seed=None):
    if not is_park_staff(by):
        raise PermissionDenied
    scope = Organization.objects.filter(
        venture_proposals__round=round_, venture_proposals__state__in=S.open_to_experts()
    ).distinct()
    if not scope.exists():
        raise ValidationError(_("No proposal of this round has passed screening yet."))
    if panel_size < round_.experts_per_proposal:
        raise ValidationError(
            {"panel_size": _("The panel must be at least the round's number of experts per proposal.")}
        )
    return orgs_services.draw_panel(
        by,
        str(round_),
        list(scope),
        panel_size,
        reserve_count,
        fields,
        witnesses,
        target=round_,
        seed=seed,
    )


def _fill(by, draw, experts):
    balanced_assignment(by, draw.target, experts=experts)


def _replace(by, draw, old, new):
    """The reserve takes every proposal the leaving expert had not yet reviewed."""
    open_ones = (
        Assignment.objects.select_related("proposal")
        .filter(proposal__round_id=draw.target_id, expert=old, kind=ReviewKind.PROPOSAL)
        .exclude(conflict=Assignment.Conflict.CONFLICT)
        .exclude(review__state=Review.State.SUBMITTED)
    )
    for assignment in open_ones:
        assignment.leave_panel(str(_("Left the drawn panel; a reserve takes the place.")))
        save_logged(assignment, by, "left the drawn panel")
        if assignment.proposal.organization_id not in recusals([new.pk])[new.pk]:
            assign_expert(by, assignment.proposal, new)


def _totals(draws):
    by_round = {d.target_id: d.pk for d in draws}
    result = {d.pk: {} for d in draws}
    rows = Review.objects.filter(
        assignment__proposal__round_id__in=by_round,
        assignment__kind=ReviewKind.PROPOSAL,
        state=Review.State.SUBMITTED,
        total__isnull=False,
    ).values_list("assignment__proposal__round_id", "assignment__expert_id", "assignment__proposal_id", "total")
    for round_id, expert_id, proposal_id, total in rows:
        result[by_round[round_id]].setdefault(expert_id, {})[proposal_id] = total
    return result


def _members(round_id):
    """The experts on the round's panel: assigned to one of its proposals and not recused."""
    assignments = Assignment.objects.filter(proposal__round_id=round_id, conflict__in=Assignment.Conflict.on_panel())
    return set(assignments.values_list("expert_id", flat=True))


ROUND_DRAW = DrawTarget(
    "venture.round", _fill, _replace, _totals, lambda pk: reverse("venture:staff_sheets", args=[pk]), _members
)
