"""Every query a role may run on venture records. Lists, details, exports and downloads all go through here,
so access control and query counts are fixed in one place."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from orgs.models import ExpertProfile, Organization
from orgs.selectors import conflicted_organization_ids, organization_of

from .models import (
    Agreement,
    Assignment,
    Award,
    Objection,
    ProgressReport,
    Proposal,
    ProposalState,
    Review,
    Round,
    Tranche,
)
from .models.proposals import FUNDED
from .permissions import is_staff

S = ProposalState
ZERO = Decimal(0)


def public_rounds():
    return (
        Round.objects.filter(published=True)
        .select_related("rubric")
        .prefetch_related("eligible_sites", "tranche_plan", "rubric__criteria")
    )


def rounds_for_staff():
    return Round.objects.select_related("rubric").annotate(
        proposal_count=Count("proposals", filter=~Q(proposals__state=S.DRAFT)),
        committed=Coalesce(Sum("awards__amount"), ZERO),
    )


def open_rounds():
    from django.utils import timezone

    today = timezone.localdate()
    return Round.objects.filter(published=True, opens_on__lte=today, submission_deadline__gte=today)


def _base_proposals():
    return Proposal.objects.select_related("round", "organization", "organization__site")


def recusal_ids(user):
    """Organizations an expert must recuse from: the ties orgs knows (declared ties, own membership) and the
    organization the expert's profile names as affiliation."""
    ids = set(conflicted_organization_ids(user))
    affiliation = ExpertProfile.objects.filter(user=user).values_list("affiliation", flat=True).first()
    if affiliation:
        ids.update(Organization.objects.filter(name__iexact=affiliation.strip()).values_list("pk", flat=True))
    return ids


def active_assignments(user, kind=None):
    """The expert's assignments that are not recused, neither by declaration nor by a known tie."""
    qs = Assignment.objects.filter(expert=user).exclude(conflict=Assignment.Conflict.CONFLICT)
    qs = qs.exclude(proposal__organization_id__in=recusal_ids(user))
    qs = qs.exclude(proposal__state=S.WITHDRAWN)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def proposals_visible_to(user):
    """Staff: all. An applicant: its own organization's. An expert: those assigned and not conflicted.
    Anyone else: none."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if is_staff(user):
        return _base_proposals()
    visible = Q(pk__in=[])
    if user.is_applicant and (organization := organization_of(user)):
        visible |= Q(organization=organization)
    if user.is_expert:
        visible |= Q(pk__in=active_assignments(user).values("proposal_id"))
    return _base_proposals().filter(visible)


def my_proposals(user):
    organization = organization_of(user)
    if organization is None:
        return Proposal.objects.none()
    return _base_proposals().filter(organization=organization).order_by("-created_at")


def expert_portal(user):
    """The expert's list: each assignment with its proposal, round and own review (never anyone else's),
    in a fixed number of queries whatever the length."""
    return (
        active_assignments(user)
        .select_related("proposal", "proposal__round", "proposal__organization", "review")
        .annotate(scored=Count("review__scores", filter=Q(review__scores__value__isnull=False)))
        .order_by("due_on", "proposal__round_id", "proposal__number")
    )


def expert_portal_rows(user):
    """The expert's list page: the same assignments with only what a row shows (code, title, round, due date,
    state of the review); the Excel sheet of my scores reads expert_portal whole."""
    return (
        expert_portal(user)
        .select_related(None)
        .select_related("proposal__round", "review")
        .only(
            "kind",
            "conflict",
            "due_on",
            "proposal__number",
            "proposal__title",
            "proposal__round__code",
            "proposal__round__title",
            "review__state",
        )
    )


def round_proposals(round_):
    return _base_proposals().filter(round=round_).exclude(state=S.DRAFT)


def reviewed_proposal_numbers(round_, states):
    """{proposal id: number} of the round's proposals in the given states: the aggregated review's rows."""
    return dict(Proposal.objects.filter(round=round_, state__in=states).values_list("pk", "number"))


def proposals_by_pk(round_, ids):
    """{id: proposal} of those of the round's proposals, with what a row of a staff table shows (code, title)."""
    return (
        Proposal.objects.filter(round=round_)
        .select_related("round")
        .only("number", "title", "round__code")
        .in_bulk(ids)
    )


def ranking(round_):
    """The staff ranking page: proposals with a panel score, their awards, in rank order."""
    return (
        Proposal.objects.filter(round=round_, rank__isnull=False)
        .select_related("round", "organization", "award")
        .order_by("rank")
    )


# What a row of the staff ranking page shows.
RANKING_COLUMNS = (
    "rank",
    "number",
    "title",
    "score",
    "requested_amount",
    "state",
    "passed_over_reason",
    "round__code",
    "organization__name",
    "award__amount",
    "award__partial_reason",
)


def ranking_rows(round_):
    """The ranking page's rows: the ranking with only the columns the page shows (a thousand rows at once)."""
    return ranking(round_).only(*RANKING_COLUMNS)


def committed_total(round_):
    return Award.objects.filter(round=round_, proposal__state__in=FUNDED).aggregate(
        total=Coalesce(Sum("amount"), ZERO)
    )["total"]


def money_summary(round_):
    """Committed (awards in force), paid (tranche payments) and remaining, for the round page."""
    committed = committed_total(round_)
    paid = Tranche.objects.filter(agreement__award__round=round_, state=Tranche.State.PAID).aggregate(
        total=Coalesce(Sum("paid_amount"), ZERO)
    )["total"]
    return {
        "pool": round_.fund_pool,
        "committed": committed,
        "paid": paid,
        "unpaid_commitments": committed - paid,
        "uncommitted": round_.fund_pool - committed,
    }


def submitted_reviews(round_, kind="proposal"):
    """Every submitted review of the round with its scores: the aggregation's raw material (staff only)."""
    return (
        Review.objects.filter(assignment__proposal__round=round_, assignment__kind=kind, state=Review.State.SUBMITTED)
        .select_related("assignment", "assignment__expert")
        .prefetch_related("scores")
    )


def announced_proposals(round_):
    return (
        Proposal.objects.filter(round=round_, state__in=[S.ANNOUNCED, S.AWARDED, S.SIGNED])
        .select_related("round", "organization", "award")
        .order_by("rank")
    )


def funded_projects():
    """The public list of funded projects: only once awards are final."""
    final = [S.AWARDED, S.SIGNED, S.IN_PROGRESS, S.MIDTERM_PASSED, S.MIDTERM_FAILED, S.FINAL_EVALUATED, S.CLOSED]
    return (
        Proposal.objects.filter(state__in=final)
        .select_related("round", "organization", "award")
        .order_by("-round__opens_on", "rank")
    )


def objections_of(round_):
    return Objection.objects.filter(round=round_).select_related(
        "proposal__round", "proposal__organization", "handled_by"
    )


def agreements_of(round_):
    return (
        Agreement.objects.filter(award__round=round_)
        .select_related("award", "award__proposal", "award__proposal__organization")
        .prefetch_related("tranches")
        .order_by("award__proposal__rank")
    )


def reports_visible_to(user):
    return ProgressReport.objects.filter(proposal__in=proposals_visible_to(user).values("pk")).select_related(
        "proposal", "proposal__round", "proposal__organization"
    )


def money_by_round(year=None):
    """Every round with its pool, money awarded (awards in force) and paid, in one query (the dashboard)."""
    from django.db.models import OuterRef, Subquery

    awarded = (
        Award.objects.filter(round=OuterRef("pk"), proposal__state__in=FUNDED)
        .order_by()
        .values("round")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    paid = (
        Tranche.objects.filter(agreement__award__round=OuterRef("pk"), state=Tranche.State.PAID)
        .order_by()
        .values("agreement__award__round")
        .annotate(total=Sum("paid_amount"))
        .values("total")
    )
    rounds = Round.objects.annotate(
        awarded=Coalesce(Subquery(awarded), ZERO), paid=Coalesce(Subquery(paid), ZERO)
    ).order_by("opens_on", "pk")
    return rounds.filter(opens_on__year=year) if year else rounds


def proposals_per_state(year=None):
    """Submitted proposals counted per state ({state: n}), in one query."""
    qs = Proposal.objects.exclude(state=S.DRAFT)
    if year:
        qs = qs.filter(round__opens_on__year=year)
    return dict(qs.order_by().values_list("state").annotate(n=Count("pk")))


def annual_figures(year):
    """Per (site id, category) of the funded organizations: money awarded in the rounds of `year`, money paid
    in `year`, and beneficiaries reached (each project's highest figure reported in `year`). Three queries."""
    from django.db.models import Max

    from .models import ProgressReport

    figures = {}

    def add(site, category, **values):
        row = figures.setdefault((site, category), {"awarded": ZERO, "paid": ZERO, "beneficiaries": 0})
        for key, value in values.items():
            row[key] += value or 0

    awarded = (
        Award.objects.filter(round__opens_on__year=year, proposal__state__in=FUNDED)
        .order_by()
        .values("proposal__organization__site", "proposal__organization__category")
        .annotate(total=Sum("amount"))
    )
    for r in awarded:
        add(r["proposal__organization__site"], r["proposal__organization__category"], awarded=r["total"])
    paid = (
        Tranche.objects.filter(state=Tranche.State.PAID, paid_on__year=year)
        .order_by()
        .values("agreement__award__proposal__organization__site", "agreement__award__proposal__organization__category")
        .annotate(total=Sum("paid_amount"))
    )
    for r in paid:
        add(
            r["agreement__award__proposal__organization__site"],
            r["agreement__award__proposal__organization__category"],
            paid=r["total"],
        )
    reached = (
        ProgressReport.objects.filter(submitted_at__year=year, beneficiaries_reached__isnull=False)
        .order_by()
        .values("proposal", "proposal__organization__site", "proposal__organization__category")
        .annotate(most=Max("beneficiaries_reached"))
    )
    for r in reached:
        add(r["proposal__organization__site"], r["proposal__organization__category"], beneficiaries=r["most"])
    return figures
