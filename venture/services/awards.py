"""Allocation within the pool, the public announcement (公示) and its objections, and the final awards (whose
agreements `agreements` opens)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.services import interpolate, notify, notify_unless_unread
from orgs.selectors import confirmed_applicants_of

from ..models import Award, Objection, Proposal, ProposalState, Round
from ..permissions import is_park_staff
from ..selectors import committed_total
from .agreements import open_agreement
from .common import park_staff, parse_amount, proposal_url, save_logged

S = ProposalState


@transaction.atomic
def award(by, proposal, amount, reason=""):
    """Fund a ranked proposal. The round's row is locked first, so two staff members awarding at the same
    moment are served one after the other and the pool is never over-allocated."""
    if not is_park_staff(by):
        raise PermissionDenied
    proposal_round = Round.objects.select_for_update().get(pk=proposal.round_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    amount = parse_amount(amount)
    reason = (reason or "").strip()
    if proposal_round.announced_at:
        raise ValidationError(_("The awards of this round are already announced."))
    if not can_proceed(proposal.propose_award):
        raise ValidationError(_("Only a ranked proposal that is not yet funded can be funded."))
    skipped = (
        Proposal.objects.filter(round=proposal_round, state=S.RANKED, rank__lt=proposal.rank, passed_over_reason="")
        .order_by("rank")
        .first()
    )
    if skipped:
        raise ValidationError(
            gettext("Fund in rank order: decide on %(code)s (rank %(rank)s) first, or pass over it with a reason.")
            % {"code": skipped.code, "rank": skipped.rank}
        )
    if amount > proposal.requested_amount:
        raise ValidationError(
            {"amount": gettext("The proposal requests only ¥%(requested)s.") % {"requested": proposal.requested_amount}}
        )
    if amount > proposal_round.max_grant:
        raise ValidationError(
            {"amount": gettext("The round grants at most ¥%(max)s per project.") % {"max": proposal_round.max_grant}}
        )
    if amount < proposal.requested_amount and not reason:
        raise ValidationError({"reason": _("Partial funding needs a reason.")})
    committed = committed_total(proposal_round)
    remaining = proposal_round.fund_pool - committed
    if amount > remaining:
        raise ValidationError(
            {"amount": gettext("Only ¥%(remaining)s of the pool remains uncommitted.") % {"remaining": remaining}}
        )
    created = Award.objects.create(
        proposal=proposal, round=proposal_round, amount=amount, partial_reason=reason, decided_by=by
    )
    proposal.propose_award()
    proposal.passed_over_reason = ""
    save_logged(proposal, by, f"proposed award {amount}")
    return created


@transaction.atomic
def cancel_award(by, proposal):
    if not is_park_staff(by):
        raise PermissionDenied
    Round.objects.select_for_update().get(pk=proposal.round_id)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_proceed(proposal.cancel_award):
        raise ValidationError(_("Only a proposed award that is not yet announced can be cancelled."))
    Award.objects.filter(proposal=proposal).delete()
    proposal.cancel_award()
    return save_logged(proposal, by, "award cancelled")


@transaction.atomic
def pass_over(by, proposal, reason):
    """Leave a ranked proposal unfunded (with the reason) so that funding continues down the ranking."""
    if not is_park_staff(by):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for not funding this proposal.")})
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != S.RANKED:
        raise ValidationError(_("Only a ranked proposal that is not yet funded can be passed over."))
    proposal.passed_over_reason = reason[:300]
    return save_logged(proposal, by, "passed over")


@transaction.atomic
def publish_announcement(by, round_, window_from_now=False):
    """Publish the proposed awards on the public announcement page (公示), within the round's announcement
    window; or, as staff choose (`window_from_now`, recorded in the round's history), with a window of the
    same length starting today. The round's row is locked: of two staff publishing at once, one publishes
    and the other is told it is already published."""
    if not is_park_staff(by):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.review_closed:
        raise ValidationError(_("Close the expert review before the announcement."))
    if round_.announced_at:
        raise ValidationError(_("The announcement is already published."))
    today = timezone.localdate()
    if window_from_now and not round_.in_announcement_window(today):
        _window_from(round_, today)
        save_logged(round_, by, f"announcement window set from publication: {today.isoformat()}")
    elif not round_.in_announcement_window(today):
        raise ValidationError(
            gettext(
                "The announcement runs from %(start)s to %(end)s: publish it then, or choose to start the "
                "announcement period today."
            )
            % {"start": round_.announcement_starts_on.isoformat(), "end": round_.announcement_ends_on.isoformat()}
        )
    proposals = list(Proposal.objects.select_for_update().filter(round=round_, state=S.PROPOSED))
    if not proposals:
        raise ValidationError(_("No proposal is proposed for funding yet."))
    for proposal in proposals:
        proposal.announce()
        save_logged(proposal, by, "announced")
    round_.announced_at = timezone.now()
    save_logged(round_, by, "announcement published")
    url = reverse("venture:announcement", args=[round_.code])
    for proposal in proposals:
        notify(
            confirmed_applicants_of(proposal.organization_id),
            "venture_announced",
            interpolate(_("Proposal %(code)s is proposed for funding and publicly announced"), {"code": proposal.code}),
            interpolate(
                _(
                    "The announcement runs until %(end)s. The award becomes final when it ends and every "
                    "objection is handled."
                ),
                {"end": round_.announcement_ends_on.isoformat()},
            ),
            url,
        )
    return proposals


def _window_from(round_, today):
    """Move the announcement window to start today, as long as it was; the timetable must still hold."""
    length = round_.announcement_ends_on - round_.announcement_starts_on
    end = today + length
    if today < round_.review_deadline or end > round_.signing_by:
        raise ValidationError(
            gettext(
                "An announcement starting today would run to %(end)s, outside the timetable (review deadline "
                "%(review)s, agreements by %(signing)s): change the round's timetable first."
            )
            % {
                "end": end.isoformat(),
                "review": round_.review_deadline.isoformat(),
                "signing": round_.signing_by.isoformat(),
            }
        )
    round_.announcement_starts_on, round_.announcement_ends_on = today, end


@transaction.atomic
def file_objection(round_, proposal, name, contact, text):
    """Anyone may object during the announcement period; no account needed."""
    round_ = Round.objects.get(pk=round_.pk)
    if not round_.accepts_objections:
        raise ValidationError(_("Objections are accepted only during the announcement period."))
    if proposal.round_id != round_.pk or proposal.state != S.ANNOUNCED:
        raise ValidationError({"proposal": _("Choose a proposal of this announcement.")})
    if len(text.strip()) > Objection.TEXT_LIMIT:
        raise ValidationError(
            {"text": gettext("At most %(limit)s characters, please.") % {"limit": Objection.TEXT_LIMIT}}
        )
    objection = Objection.objects.create(
        round=round_, proposal=proposal, name=name.strip(), contact=contact.strip(), text=text.strip()
    )
    # A burst of objections tells each staff member once, until they have opened the list.
    notify_unless_unread(
        park_staff(),
        "venture_objection",
        interpolate(_("New objection to %(code)s"), {"code": proposal.code}),
        text[:500],
        reverse("venture:staff_objections", args=[round_.pk]),
    )
    return objection


@transaction.atomic
def handle_objection(by, objection, outcome, handling):
    if not is_park_staff(by):
        raise PermissionDenied
    objection = (
        Objection.objects.select_for_update(of=("self",)).select_related("proposal", "round").get(pk=objection.pk)
    )
    resolve = {Objection.Outcome.DISMISSED: objection.dismiss, Objection.Outcome.UPHELD: objection.uphold}.get(outcome)
    if resolve is None:
        raise ValidationError({"outcome": _("Choose how the objection was resolved.")})
    if not (handling or "").strip():
        raise ValidationError({"handling": _("Record how the objection was handled.")})
    if not can_proceed(resolve):
        raise ValidationError(_("This objection is already resolved."))
    resolve(by, handling.strip())
    save_logged(objection, by, f"objection {outcome}")
    proposal = Proposal.objects.select_for_update().get(pk=objection.proposal_id)
    if outcome == Objection.Outcome.UPHELD and can_proceed(proposal.decline):
        # The award is withdrawn and its money returns to the pool.
        Award.objects.filter(proposal=proposal).delete()
        proposal.decline()
        proposal.decision_reason = objection.handling
        save_logged(proposal, by, "objection upheld")
        notify(
            confirmed_applicants_of(proposal.organization_id),
            "venture_outcome",
            interpolate(_("Proposal %(code)s will not be funded"), {"code": proposal.code}),
            objection.handling,
            proposal_url(proposal),
        )
    return objection


@transaction.atomic
def finalize_awards(by, round_):
    """Make the awards final once the announcement period is over and every objection is resolved; open
    the agreements with their tranches; tell every applicant the outcome."""
    if not is_park_staff(by):
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.announced_at:
        raise ValidationError(_("The announcement is not published yet."))
    if round_.finalized_at:
        raise ValidationError(_("The awards are already final."))
    if not round_.announcement_over:
        raise ValidationError(
            gettext("The announcement period runs until %(end)s; awards become final after it.")
            % {"end": round_.announcement_ends_on.isoformat()}
        )
    open_count = Objection.objects.filter(round=round_, outcome=Objection.Outcome.OPEN).count()
    if open_count:
        raise ValidationError(gettext("%(n)s objection(s) are still being handled.") % {"n": open_count})
    plan = list(round_.tranche_plan.all())
    if sum(item.percentage for item in plan) != 100:
        raise ValidationError(_("The round's tranche plan must add up to 100% before agreements can be opened."))
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .select_related("award")
        .filter(round=round_, state__in=S.awaiting_outcome())
    )
    for proposal in proposals:
        proposal.round = round_
        if proposal.state == S.ANNOUNCED:
            proposal.confirm_award()
            save_logged(proposal, by, "award final")
            open_agreement(proposal.award, plan)
            title = _("Proposal %(code)s is funded: ¥%(amount)s")
            params = {"code": proposal.code, "amount": proposal.award.amount}
        else:
            proposal.decline()
            save_logged(proposal, by, "not funded")
            title, params = _("Proposal %(code)s was not funded in this round"), {"code": proposal.code}
        notify(
            confirmed_applicants_of(proposal.organization_id),
            "venture_outcome",
            interpolate(title, params),
            "",
            proposal_url(proposal),
        )
    round_.finalized_at = timezone.now()
    save_logged(round_, by, "awards final")
    return proposals
