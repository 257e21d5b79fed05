"""Filing a proposal, submitting, withdrawing and the preliminary screening (初审)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.services import interpolate, notify
from orgs.selectors import confirmed_applicants_of, organization_of

from ..models import Proposal, ProposalDocument, ProposalState, Round, ScreeningRecord
from ..models.proposals import default_completion_deadline
from ..permissions import is_park_staff, speaks_for
from .common import proposal_url, save_logged

S = ProposalState
ZERO = Decimal(0)


def eligibility_problems(round_, organization):
    """Why an organization may not apply to a round (empty when it may)."""
    problems = []
    if round_.eligible_tracks and organization.track not in round_.eligible_tracks:
        problems.append(
            gettext("This round is open only to: %(tracks)s.")
            % {"tracks": "、".join(str(t) for t in round_.eligible_track_labels())}
        )
    if round_.eligible_categories and organization.category not in round_.eligible_categories:
        problems.append(
            gettext("This round is open only to the fields: %(fields)s.")
            % {"fields": "、".join(str(c) for c in round_.eligible_category_labels())}
        )
    site_ids = {site.pk for site in round_.eligible_sites.all()}
    if site_ids and organization.site_id not in site_ids:
        problems.append(gettext("Your organization's site is not among the sites this round is open to."))
    return problems


def next_number(round_):
    """The next running number in the round; the caller holds the round's row lock."""
    return (Proposal.objects.filter(round=round_).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def create_proposal(user, round_, **fields):
    organization = organization_of(user)
    if organization is None or not user.is_applicant:
        raise PermissionDenied
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("This round is not accepting proposals."))
    problems = eligibility_problems(round_, organization)
    if problems:
        raise ValidationError(problems)
    proposal = Proposal(round=round_, organization=organization, number=next_number(round_), **fields)
    return save_logged(proposal, user, "created")


def refresh_totals(proposal):
    """Requested and co-funded totals from the budget lines (kept on the proposal for lists and ranking)."""
    totals = proposal.budget_lines.aggregate(amount=Sum("amount"), cofunded=Sum("cofunded"))
    amount, cofunded = totals["amount"] or ZERO, totals["cofunded"] or ZERO
    Proposal.objects.filter(pk=proposal.pk).update(requested_amount=amount - cofunded, cofunded_amount=cofunded)
    proposal.requested_amount, proposal.cofunded_amount = amount - cofunded, cofunded


def limit_problems(proposal):
    """The round's money limits, each as a clear sentence (empty when the budget respects them)."""
    round_ = proposal.round
    problems = []
    if proposal.requested_amount <= 0:
        problems.append(gettext("The budget requests no money from the round: add budget lines."))
    if proposal.requested_amount > round_.max_grant:
        problems.append(
            gettext("You request ¥%(requested)s but the round grants at most ¥%(max)s per project.")
            % {"requested": proposal.requested_amount, "max": round_.max_grant}
        )
    total = proposal.total_budget
    if round_.cofunding_share and total > 0:
        share = (proposal.cofunded_amount / total * 100).quantize(Decimal("0.01"))
        if share < round_.cofunding_share:
            problems.append(
                gettext("Your co-funding is %(share)s%% of the budget; the round requires at least %(required)s%%.")
                % {"share": share, "required": round_.cofunding_share}
            )
    return problems


def missing_for_submission(proposal):
    """What is missing before the proposal can be submitted, in the order of the form."""
    missing = []
    labels = {f.name: f.verbose_name for f in Proposal._meta.fields}
    for name in ("title", "area", "need", "goals", "beneficiaries", "beneficiaries_target", "team", "indicators"):
        if getattr(proposal, name) in ("", None):
            missing.append(gettext("Fill in “%(field)s”.") % {"field": labels[name]})
    if not proposal.activities.exists():
        missing.append(gettext("Add at least one activity with its dates."))
    missing.extend(limit_problems(proposal))
    uploaded = {d.label for d in proposal.documents.all()}
    for label in proposal.round.required_document_list():
        if label not in uploaded:
            missing.append(gettext("Upload the required document “%(doc)s”.") % {"doc": label})
    missing.extend(eligibility_problems(proposal.round, proposal.organization))
    return missing


@transaction.atomic
def submit_proposal(user, proposal):
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("round", "organization").get(pk=proposal.pk)
    )
    if not speaks_for(user, proposal):
        raise PermissionDenied
    if proposal.submission_closed:
        raise ValidationError(
            gettext("The deadline was %(date)s; submission is closed.")
            % {"date": proposal.submission_open_until.isoformat()}
        )
    if not can_proceed(proposal.submit):
        raise ValidationError(_("This proposal has already been submitted."))
    missing = missing_for_submission(proposal)
    if missing:
        raise ValidationError(missing)
    proposal.submit()
    save_logged(proposal, user, "submitted")
    notify(
        confirmed_applicants_of(proposal.organization_id),
        "venture_submitted",
        interpolate(_("Proposal %(code)s submitted"), {"code": proposal.code}),
        interpolate(_("“%(title)s” was submitted. Park staff will screen it."), {"title": proposal.title}),
        proposal_url(proposal),
    )
    return proposal


@transaction.atomic
def withdraw_proposal(user, proposal):
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not speaks_for(user, proposal):
        raise PermissionDenied
    if not can_proceed(proposal.withdraw):
        raise ValidationError(_("This proposal can no longer be withdrawn."))
    proposal.withdraw()
    return save_logged(proposal, user, "withdrawn")


@transaction.atomic
def add_document(user, proposal, upload, label, identifying=False):
    if not speaks_for(user, proposal):
        raise PermissionDenied
    if proposal.state not in S.editable():
        raise ValidationError(_("Documents can only be added while the proposal is a draft or returned."))
    document = ProposalDocument(proposal=proposal, label=label, identifying=identifying)
    document.attach(upload, user)
    document.save()
    return document


@transaction.atomic
def screen(
    by,
    proposal,
    outcome,
    reason="",
    eligible=False,
    complete=False,
    documents=False,
    budget=False,
    completion_due_on=None,
):
    """Preliminary screening: pass, reject (always with a reason) or send back once for completion, with the
    date until which it may be resubmitted (a week by default), whatever the round's submission deadline."""
    if not is_park_staff(by):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("round").get(pk=proposal.pk)
    reason = (reason or "").strip()
    Outcome = ScreeningRecord.Outcome
    if outcome in (Outcome.REJECTED, Outcome.RETURNED) and not reason:
        raise ValidationError({"reason": _("Give the reason: the organization is told why.")})
    if outcome == Outcome.PASSED and not all((eligible, complete, documents, budget)):
        raise ValidationError(_("A proposal passes screening only when every item of the checklist is met."))
    if not can_proceed(proposal.pass_screening):
        raise ValidationError(_("Only a submitted proposal can be screened."))
    body = reason
    if outcome == Outcome.RETURNED:
        if proposal.returned_once:
            raise ValidationError(_("This proposal was already returned once; pass or reject it."))
        due_on = completion_due_on or default_completion_deadline()
        if due_on < timezone.localdate():
            raise ValidationError({"completion_due_on": _("The completion deadline cannot be in the past.")})
        proposal.send_back(due_on)
        title = _("Proposal %(code)s returned for completion")
        body = f"{reason}\n" + gettext("Complete it and submit it again by %(date)s.") % {"date": due_on.isoformat()}
    elif outcome == Outcome.REJECTED:
        proposal.reject()
        title = _("Proposal %(code)s did not pass the preliminary screening")
    else:
        proposal.pass_screening()
        title = _("Proposal %(code)s passed the preliminary screening")
    proposal.decision_reason = reason
    save_logged(proposal, by, f"screening: {outcome}")
    ScreeningRecord.objects.create(
        proposal=proposal,
        eligible=eligible,
        complete=complete,
        documents=documents,
        budget=budget,
        outcome=outcome,
        reason=reason,
        by=by,
    )
    notify(
        confirmed_applicants_of(proposal.organization_id),
        "venture_screened",
        interpolate(title, {"code": proposal.code}),
        body,
        proposal_url(proposal),
    )
    return proposal
