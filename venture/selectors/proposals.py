"""Proposals and their reports: who may see which, and the staff lists of a round."""

from django.db.models import Count, Q

from orgs.selectors import organization_of

from ..models import ProgressReport, Proposal, ProposalDocument, ProposalState, ReportDocument, Review
from ..permissions import is_park_staff
from .experts import active_assignments

S = ProposalState


def _base_proposals():
    return Proposal.objects.select_related("round", "organization", "organization__site")


def proposals_visible_to(user):
    """Staff: all. An applicant: its own organization's. An expert: those assigned and not conflicted.
    Anyone else: none."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if is_park_staff(user):
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


def round_proposals(round_):
    return _base_proposals().filter(round=round_).exclude(state=S.DRAFT)


def state_counts(round_):
    """{state: n} of the round's proposals, in one query (the round's overview)."""
    rows = Proposal.objects.filter(round=round_).values_list("state").annotate(n=Count("pk"))
    return dict(rows.values_list("state", "n"))


def screening_queue(round_):
    """The screening page: proposals to screen and those screened, by state then number."""
    return round_proposals(round_).filter(state__in=S.in_screening()).order_by("state", "number")


def signed_projects(round_):
    """The projects page: each signed project with its reports submitted and awaited, in rank order."""
    return (
        round_proposals(round_)
        .filter(state__in=S.signed())
        .annotate(
            reports_due=Count("reports", filter=Q(reports__submitted_at__isnull=True)),
            reports_done=Count("reports", filter=Q(reports__submitted_at__isnull=False)),
        )
        .order_by("rank")
    )


def proposal_reviews(proposal):
    """Every review of the proposal with its expert and scores: staff's panel on the proposal's page."""
    return (
        Review.objects.filter(assignment__proposal=proposal)
        .select_related("assignment__expert")
        .prefetch_related("scores__criterion")
    )


def proposal_coaching(proposal):
    return proposal.coaching.select_related("by")


def reports_visible_to(user):
    return ProgressReport.objects.filter(proposal__in=proposals_visible_to(user).values("pk")).select_related(
        "proposal", "proposal__round", "proposal__organization"
    )


def report_documents_visible_to(user):
    return ReportDocument.objects.filter(report__in=reports_visible_to(user))


def documents_visible_to(user):
    """The documents of the proposals the user may see (what each may download is the view's to decide)."""
    return ProposalDocument.objects.select_related("proposal__round").filter(proposal__in=proposals_visible_to(user))


def blind_document_ids(proposal):
    """The ids of the proposal's documents an expert of a blind round gets, in the order they are numbered."""
    return list(proposal.documents.filter(identifying=False).values_list("pk", flat=True))
