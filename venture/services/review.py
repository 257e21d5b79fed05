"""Drawing experts, their conflict declarations, scoring, reopening and closing the review."""

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator import scoring
from incubator.roles import Role, holders
from incubator.services import interpolate, notify
from orgs.selectors import recusals

from ..models import Assignment, Proposal, ProposalState, Review, ReviewKind, ReviewOverride, Round, Score
from ..permissions import is_park_staff
from ..selectors import review_shortfall, standings, submitted_review_counts
from .common import expert_url, park_staff, save_logged
from .public import missing_public_scores

S = ProposalState
ZERO = Decimal(0)


def _due_on(proposal, kind):
    if kind == ReviewKind.PROPOSAL:
        return proposal.round.review_deadline
    return timezone.localdate() + timezone.timedelta(days=14)


def _tell_expert(assignments):
    for assignment in assignments:
        proposal = assignment.proposal
        notify(
            [assignment.expert],
            "venture_assigned",
            # The code, never the organization: the round may be blind.
            interpolate(_("New proposal to review: %(code)s"), {"code": proposal.code}),
            interpolate(
                _("Please declare any conflict of interest, then score it by %(due)s."),
                {"due": assignment.due_on.isoformat()},
            ),
            expert_url(proposal),
        )


@transaction.atomic
def assign_expert(by, proposal, expert, kind=ReviewKind.PROPOSAL):
    if not is_park_staff(by):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("round").get(pk=proposal.pk)
    if not expert.is_expert:
        raise ValidationError({"expert": _("This user is not an expert reviewer.")})
    if proposal.organization_id in recusals([expert.pk])[expert.pk]:
        raise ValidationError({"expert": _("This expert must recuse from this organization (回避).")})
    if kind == ReviewKind.PROPOSAL and not can_proceed(proposal.open_review):
        raise ValidationError(_("Only proposals that passed screening are reviewed."))
    assignment, created = Assignment.objects.get_or_create(
        proposal=proposal,
        expert=expert,
        kind=kind,
        defaults={"due_on": _due_on(proposal, kind), "assigned_by": by},
    )
    if not created:
        # Nothing changes: say why, rather than report an assignment that was not made.
        if assignment.conflict == Assignment.Conflict.CONFLICT:
            raise ValidationError(
                {"expert": _("This expert declared a conflict with this proposal and is recused (回避): not assigned.")}
            )
        raise ValidationError({"expert": _("This expert is already assigned to this proposal.")})
    if kind == ReviewKind.PROPOSAL and proposal.state == S.SCREENED:
        proposal.open_review()
        save_logged(proposal, by, "review opened")
    _tell_expert([assignment])
    return assignment


@transaction.atomic
def balanced_assignment(by, round_, experts=None, kind=ReviewKind.PROPOSAL):
    """Give every screened proposal the round's number of experts, each time choosing the least-loaded
    expert without a conflict, so the load spreads evenly. Returns (assignments made, proposals short of
    experts)."""
    if not is_park_staff(by):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    experts = list(experts if experts is not None else holders(Role.EXPERT))
    conflicts = recusals(e.pk for e in experts)
    proposals = list(
        Proposal.objects.select_for_update().filter(round=round_, state__in=S.open_to_experts()).order_by("number")
    )
    existing = list(
        Assignment.objects.filter(proposal__round=round_, kind=kind).values_list("proposal_id", "expert_id", "conflict")
    )
    load = Counter({e.pk: 0 for e in experts})
    taken = {}
    for proposal_id, expert_id, conflict in existing:
        taken.setdefault(proposal_id, set()).add(expert_id)
        if expert_id in load and conflict != Assignment.Conflict.CONFLICT:
            load[expert_id] += 1
    by_id = {e.pk: e for e in experts}
    active_count = Counter(p for p, _e, c in existing if c != Assignment.Conflict.CONFLICT)
    new, short = [], []
    for proposal in proposals:
        proposal.round = round_
        assigned = taken.setdefault(proposal.pk, set())
        for _slot in range(round_.experts_per_proposal - active_count[proposal.pk]):
            candidates = [pk for pk in load if pk not in assigned and proposal.organization_id not in conflicts[pk]]
            if not candidates:
                short.append(proposal)
                break
            chosen = min(candidates, key=lambda pk: (load[pk], pk))
            load[chosen] += 1
            assigned.add(chosen)
            new.append(
                Assignment(
                    proposal=proposal, expert=by_id[chosen], kind=kind, due_on=_due_on(proposal, kind), assigned_by=by
                )
            )
        if kind == ReviewKind.PROPOSAL and proposal.state == S.SCREENED and assigned:
            proposal.open_review()
            save_logged(proposal, by, "review opened")
    Assignment.objects.bulk_create(new)
    _tell_expert(new)
    return new, short


def _refuse_if_closed(assignment):
    """After the review closes nothing changes a proposal review's scores or declaration (staff reopen a
    review only before)."""
    if assignment.kind == ReviewKind.PROPOSAL and assignment.proposal.round.review_closed:
        raise ValidationError(_("The review of this round is closed: scores and declarations can no longer change."))


def _locked_assignment(assignment):
    """The assignment with its round locked first: closing the review locks the round too, so an expert
    saving while staff close waits, and then sees the review closed (one winner)."""
    Round.objects.select_for_update().get(pk=assignment.proposal.round_id)
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("proposal__round__rubric", "proposal__round__implementation_rubric")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def declare_conflict(expert, assignment, conflict, note=""):
    """The expert's declaration before the proposal opens. A conflict recuses them for good and tells the
    park staff, who may need to assign another expert."""
    assignment = _locked_assignment(assignment)
    if assignment.expert_id != expert.pk:
        raise PermissionDenied
    _refuse_if_closed(assignment)
    if not can_proceed(assignment.declare_free):
        raise ValidationError(_("You have already declared."))
    if conflict and not note.strip():
        raise ValidationError({"conflict_note": _("Say briefly what the conflict is.")})
    if conflict:
        assignment.declare_conflict(note.strip())
    else:
        assignment.declare_free()
    save_logged(assignment, expert, "conflict declared" if conflict else "no conflict")
    if conflict:
        notify(
            park_staff(),
            "venture_conflict_declared",
            interpolate(
                _("An expert declared a conflict on %(code)s: please assign another expert"),
                {"code": assignment.proposal.code},
            ),
            assignment.conflict_note,
            reverse("venture:staff_assignment", args=[assignment.proposal.round_id]),
        )
    return assignment


def _parse_score(raw, criterion):
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ValidationError(gettext("“%(criterion)s”: enter a number.") % {"criterion": criterion.name}) from None
    if not value.is_finite() or value < 0 or value > criterion.max_score:
        raise ValidationError(
            gettext("“%(criterion)s”: the score must be between 0 and %(max)s.")
            % {"criterion": criterion.name, "max": criterion.max_score}
        )
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def save_review(expert, assignment, scores, overall_comment="", submit=False):
    """Save the expert's scores ({criterion id: (value, comment)}) as a draft, or submit them (then locked).
    The first save makes the review's row."""
    assignment = _locked_assignment(assignment)
    if assignment.expert_id != expert.pk or assignment.conflict != Assignment.Conflict.NONE:
        raise PermissionDenied
    _refuse_if_closed(assignment)
    review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
    if review.is_submitted:
        raise ValidationError(_("This review is submitted and locked. Ask park staff to reopen it."))
    criteria = list(assignment.rubric.criteria.all())
    errors, values = [], {}
    for criterion in criteria:
        raw, comment = scores.get(criterion.pk, (None, ""))
        try:
            values[criterion.pk] = (_parse_score(raw, criterion), (comment or "").strip())
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    if submit:
        blank = [c.name for c in criteria if values[c.pk][0] is None]
        if blank:
            raise ValidationError(
                gettext("Score every criterion before submitting: %(names)s.") % {"names": "、".join(blank)}
            )
    existing = {s.criterion_id: s for s in review.scores.all()}
    for criterion in criteria:
        value, comment = values[criterion.pk]
        score = existing.get(criterion.pk) or Score(review=review, criterion=criterion)
        score.value, score.comment = value, comment
        save_logged(score, expert)
    review.overall_comment = overall_comment.strip()
    review.total = scoring.weighted_total({pk: v for pk, (v, _c) in values.items() if v is not None}, criteria)
    if submit:
        review.submit()
    return save_logged(review, expert, "submitted" if submit else "draft saved")


@transaction.atomic
def reopen_review(by, review, reason):
    if not is_park_staff(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    review = Review.objects.select_related("assignment__proposal").get(pk=review.pk)
    assignment = _locked_assignment(review.assignment)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if assignment.kind == ReviewKind.PROPOSAL and assignment.proposal.round.review_closed:
        raise ValidationError(_("The review of this round is closed."))
    if not can_proceed(review.reopen):
        raise ValidationError(_("This review is not submitted: there is nothing to reopen."))
    review.reopen(reason.strip())
    save_logged(review, by, f"reopened: {reason}")
    notify(
        [assignment.expert],
        "venture_review_reopened",
        interpolate(_("Your review of %(code)s was reopened"), {"code": assignment.proposal.code}),
        reason,
        expert_url(assignment.proposal),
    )
    return review


@transaction.atomic
def allow_short_review(by, proposal, reason):
    """Staff record that the review may close although this proposal has fewer submitted reviews than the
    round needs (an expert fell ill, no replacement could be found): who, when, why."""
    if not is_park_staff(by):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=proposal.round_id)
    if round_.review_closed:
        raise ValidationError(_("The review of this round is already closed."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for closing with fewer reviews.")})
    count = submitted_review_counts(round_, [proposal.pk]).get(proposal.pk, 0)
    if count >= round_.reviews_needed:
        raise ValidationError(_("This proposal has all the reviews it needs."))
    if count == 0:
        raise ValidationError(_("A proposal with no submitted review cannot be ranked: assign an expert."))
    override, _created = ReviewOverride.objects.update_or_create(
        proposal=proposal,
        defaults={"reviews": count, "needed": round_.reviews_needed, "reason": reason.strip(), "by": by},
    )
    return save_logged(override, by, "closing with fewer reviews allowed")


@transaction.atomic
def close_review(by, round_):
    """Close the expert review: each reviewed proposal gets its panel score (the trimmed mean from five
    experts on) and its rank; experts may then see the panel's result. Every proposal needs the round's
    number of submitted reviews, or a recorded override."""
    if not is_park_staff(by):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.review_closed:
        raise ValidationError(_("The review of this round is already closed."))
    in_review = list(Proposal.objects.select_for_update().filter(round=round_, state=S.IN_REVIEW))
    short = [row for row in review_shortfall(round_) if row.override is None]
    if short:
        raise ValidationError(
            gettext("These proposals have fewer than %(n)s submitted reviews and no recorded override: %(codes)s.")
            % {"n": round_.reviews_needed, "codes": ", ".join(row.proposal.code for row in short)}
        )
    standing = standings(round_, [p.pk for p in in_review])
    missing = missing_public_scores(round_, in_review)
    if missing:
        raise ValidationError(
            gettext("These proposals have no public panel score yet: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    # The score and rank stored are those of the one computation (selectors.standings), under the round's rule.
    ordered = sorted(in_review, key=lambda p: (standing[p.pk].rank, p.number))
    for proposal in ordered:
        proposal.round = round_
        proposal.score = standing[proposal.pk].score
        proposal.rank = standing[proposal.pk].rank
        proposal.rank_it()
        save_logged(proposal, by, "review closed")
    round_.review_closed_at = timezone.now()
    save_logged(round_, by, "review closed")
    return ordered
