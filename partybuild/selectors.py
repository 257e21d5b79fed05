"""Every query a role may run on party records, with the joins and annotations that keep list pages at a
constant number of queries. Other apps read party data only through here (e.g. `project_priority`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from incubator.models import Site
from incubator.roles import Role, holders
from orgs import selectors as orgs_selectors

from .models import (
    Band,
    Honour,
    JointMeeting,
    MemberAccess,
    PartyCase,
    PartyMember,
    PartyOrganization,
    RatingScheme,
    Stage,
    StarRating,
    Support,
    TalentFlow,
    TransferStatus,
)
from .models.structure import OWN_BRANCH_MIN_FULL_MEMBERS
from .permissions import can_export_members, can_see_members, is_party_staff


def _covered(formed_by=None):
    links = PartyOrganization.organizations.through.objects.filter(
        organization_id=OuterRef("organization_id"), partyorganization__is_active=True
    )
    if formed_by:
        links = links.filter(partyorganization__formed_on__lte=formed_by)
    return Exists(links)


def _band():
    return Case(
        When(full_members__gte=OWN_BRANCH_MIN_FULL_MEMBERS, then=Value(Band.THREE_FULL)),
        When(Q(full_members__gt=0) | Q(probationary_members__gt=0), then=Value(Band.FEW)),
        default=Value(Band.NONE),
    )


def _pending_transfers():
    return Subquery(
        PartyMember.objects.filter(case=OuterRef("pk"), transfer_status=TransferStatus.PENDING, receipt_returned=False)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def cases():
    return PartyCase.objects.select_related("organization", "organization__site", "instructor").annotate(
        covered=_covered(), band_code=_band(), pending_transfers=Coalesce(_pending_transfers(), 0)
    )


def cases_visible_to(user):
    """Party and park staff see every case (park staff see counts only); an instructor sees their own."""
    if not user.is_authenticated:
        return PartyCase.objects.none()
    if user.is_party_staff or user.is_park_staff:
        return cases()
    if user.is_instructor:
        return cases().filter(instructor=user)
    return PartyCase.objects.none()


def case_for(user, organization_id):
    return get_object_or_404(cases_visible_to(user), organization_id=organization_id)


def member_data(request, case=None, *, export=False):
    """The one door to members' personal data: their records, the two-way flows and honours that name them, a
    branch's secretary. Whoever may not see it is refused with a 404 (no hint that there is anything); every other
    read is logged (MemberAccess), with the page that made it. Returns the member records the read covers: the
    case's, or (party staff only) every case's."""
    user = request.user
    allowed = can_see_members(user, case) if case is not None else is_party_staff(user)
    if not allowed or export and not can_export_members(user):
        raise Http404
    MemberAccess.objects.create(
        user=user,
        organization=case.organization if case is not None else None,
        action=MemberAccess.Action.EXPORT if export else MemberAccess.Action.VIEW,
        where=request.get_full_path()[: MemberAccess._meta.get_field("where").max_length],
    )
    members = PartyMember.objects.all() if case is None else PartyMember.objects.filter(case=case)
    return members.order_by("status", "name")


def for_export(members):
    return members.select_related("case__organization", "case__organization__site").order_by(
        "case__organization__name", "status", "name"
    )


def party_organizations():
    return PartyOrganization.objects.select_related("parent", "site").annotate(
        units=Count("organizations", distinct=True)
    )


def party_organizations_visible_to(user):
    """Staff see the whole structure; an instructor the party organizations of the organizations they guide."""
    if not user.is_authenticated:
        return PartyOrganization.objects.none()
    if user.is_party_staff or user.is_park_staff:
        return party_organizations()
    if user.is_instructor:
        return party_organizations().filter(
            pk__in=PartyOrganization.objects.filter(organizations__party_case__instructor=user).values("pk")
        )
    return PartyOrganization.objects.none()


def party_organization_for(user, pk):
    return get_object_or_404(party_organizations_visible_to(user), pk=pk)


def party_organizations_of(organization):
    return PartyOrganization.objects.filter(organizations=organization, is_active=True).order_by("-kind")


def latest_ratings(party_organization_ids):
    """The latest final rating of each party organization, as {party_organization_id: StarRating}."""
    final = StarRating.objects.filter(state=StarRating.State.FINAL)
    latest_year = final.filter(party_organization=OuterRef("party_organization")).order_by("-year").values("year")[:1]
    ratings = final.filter(party_organization_id__in=party_organization_ids, year=Subquery(latest_year))
    return {r.party_organization_id: r for r in ratings}


def meetings_of(party_organization):
    return JointMeeting.objects.filter(party_organization=party_organization).prefetch_related(
        "attending_organizations"
    )


def supports_for(*, organization=None, party_organization=None):
    qs = Support.objects.select_related("organization", "party_organization")
    if organization is not None:
        return qs.filter(organization=organization)
    return qs.filter(party_organization=party_organization)


def support_totals(qs=None):
    """Count and money per kind of support, in the order of Support.Kind."""
    qs = Support.objects.all() if qs is None else qs
    rows = {r["kind"]: r for r in qs.order_by().values("kind").annotate(n=Count("id"), money=Sum("amount"))}
    return [
        {
            "kind": kind,
            "label": label,
            "count": rows.get(kind, {}).get("n", 0),
            "amount": rows.get(kind, {}).get("money"),
        }
        for kind, label in Support.Kind.choices
    ]


@dataclass
class Coverage:
    cases: int
    covered: int
    site: Site | None = None
    by_site: list = field(default_factory=list)

    @property
    def percent(self):
        return round(100 * self.covered / self.cases, 1) if self.cases else 0


def coverage():
    """Organizations in the park (each has a party case: one opens on admission) and how many are covered by
    a party organization, in all and per site."""
    rows = list(
        PartyCase.objects.annotate(covered=_covered())
        .values("organization__site")
        .annotate(n=Count("id"), covered_n=Count("id", filter=Q(covered=True)))
        .order_by()
    )
    per_site = {r["organization__site"]: r for r in rows}
    by_site = []
    for site in Site.objects.filter(is_active=True):
        row = per_site.get(site.pk, {"n": 0, "covered_n": 0})
        by_site.append(Coverage(row["n"], row["covered_n"], site))
    return Coverage(sum(r["n"] for r in rows), sum(r["covered_n"] for r in rows), by_site=by_site)


def band_counts():
    # Only the band: the list's other annotations (coverage, pending transfers) would run per case for nothing.
    counts = dict(
        PartyCase.objects.annotate(band_code=_band()).order_by().values_list("band_code").annotate(n=Count("id"))
    )
    return [{"band": b, "label": label, "count": counts.get(b, 0)} for b, label in Band.choices]


def stage_counts():
    counts = dict(PartyCase.objects.order_by().values_list("stage").annotate(n=Count("id")))
    return [{"stage": s, "label": label, "count": counts.get(s, 0)} for s, label in Stage.choices]


def branch_counts():
    counts = dict(
        PartyOrganization.objects.filter(is_active=True).order_by().values_list("kind").annotate(n=Count("id"))
    )
    return [{"kind": k, "label": label, "count": counts.get(k, 0)} for k, label in PartyOrganization.Kind.choices]


def instructors():
    return holders(Role.INSTRUCTOR).distinct()


def instructor_caseloads():
    return (
        instructors()
        .annotate(
            caseload=Count("party_cases", distinct=True),
            open_cases=Count("party_cases", filter=Q(party_cases__stage__in=Stage.under_way()), distinct=True),
        )
        .order_by("-caseload", "username")
    )


def lightest_instructor(site):
    """The instructor serving `site` who carries the fewest cases (ties: the longest-standing account)."""
    return (
        instructors()
        .filter(instructor_profile__sites=site, instructor_profile__accepts_cases=True)
        .annotate(caseload=Count("party_cases", distinct=True))
        .order_by("caseload", "date_joined", "pk")
        .first()
    )


def current_scheme():
    return RatingScheme.objects.filter(is_current=True).prefetch_related("indicators").order_by("-pk").first()


def honours_of(party_organization_ids):
    return Honour.objects.filter(party_organization_id__in=party_organization_ids).order_by("-year")


@dataclass(frozen=True)
class ProjectPriority:
    """What a venture round may show and weigh (项目优先): coverage, the latest star rating, model status."""

    covered: bool
    stars: int | None
    rating_year: int | None
    model: bool

    @property
    def glyphs(self):
        return "★" * (self.stars or 0)

    @property
    def priority(self):
        return self.model or (self.stars or 0) >= 3


def project_priority(organization, party_organizations=None, ratings=None):
    """For venture rounds and the organization's pages. Pass the organization's party organizations and their
    `latest_ratings` when the page already has them; otherwise this costs up to three queries."""
    if party_organizations is None:
        party_organizations = list(party_organizations_of(organization))
    branches = [p.pk for p in party_organizations if p.kind in PartyOrganization.Kind.branches()]
    if not branches:
        return ProjectPriority(covered=False, stars=None, rating_year=None, model=False)
    if ratings is None:
        ratings = latest_ratings(branches)
    rated = [ratings[pk] for pk in branches if pk in ratings]
    best = max(rated, key=lambda r: (r.year, r.stars)) if rated else None
    model = Honour.objects.filter(party_organization_id__in=branches, category=Honour.Category.MODEL).exists()
    return ProjectPriority(
        covered=True, stars=best.stars if best else None, rating_year=best.year if best else None, model=model
    )


def organizations_without_case():
    """Organizations in the park with no party case yet (admitted before cases opened on admission)."""
    return orgs_selectors.admitted_organizations().exclude(
        Exists(PartyCase.objects.filter(organization_id=OuterRef("pk")))
    )


def sites():
    return Site.objects.filter(is_active=True)


def meetings_for_organization(organization):
    return (
        JointMeeting.objects.filter(party_organization__organizations=organization)
        .select_related("party_organization")
        .distinct()
    )


def coverage_by_site_and_category(year):
    """Party cases and how many are covered, per (site id, category) of their organizations, as they stood on
    31 December of `year`, in one query: cases opened by then for organizations still in the park, covered by a
    party organization formed by then (one dissolved since counts as never covering: dissolution dates are not
    recorded)."""
    end = date(year, 12, 31)
    rows = (
        PartyCase.objects.filter(Q(opened_on__lte=end) & orgs_selectors.in_park_on(end, "organization__"))
        .annotate(covered=_covered(formed_by=end))
        .order_by()
        .values("organization__site", "organization__category")
        .annotate(n=Count("id"), covered_n=Count("id", filter=Q(covered=True)))
    )
    return {(r["organization__site"], r["organization__category"]): (r["n"], r["covered_n"]) for r in rows}


def filtered_cases(qs, criteria):
    """A case list narrowed by the list's filters (stage, band, site, and a name typed in), by organization name."""
    if criteria.get("stage"):
        qs = qs.filter(stage=criteria["stage"])
    if criteria.get("band"):
        qs = qs.filter(band_code=criteria["band"])
    if criteria.get("site"):
        qs = qs.filter(organization__site=criteria["site"])
    if q := criteria.get("q", "").strip():
        qs = qs.filter(Q(organization__name__icontains=q) | Q(organization__short_name__icontains=q))
    return qs.order_by("organization__name")


def case_log(case):
    return case.log.select_related("by")


def trainings_of(organization, limit=10):
    return organization.party_trainings.all()[:limit]


def flows_of(members):
    """The two-way flows (双向流动) of members read through `member_data`."""
    return TalentFlow.objects.filter(member__in=members).select_related("member")


def member_of(members, pk):
    """One of the member records read through `member_data`; 404 for any other (e.g. another case's)."""
    return get_object_or_404(members, pk=pk)


def member_cases(party_organization):
    return cases().filter(organization__party_organizations=party_organization)


def ratings_of(party_organization):
    return party_organization.ratings.select_related("scheme")


# An instructor opens only the party organizations and cases of the organizations they guide: link no other.
def parent_visible_to(user, party_organization):
    if not party_organization.parent_id:
        return None
    return party_organizations_visible_to(user).filter(pk=party_organization.parent_id).first()


def children_visible_to(user, party_organization):
    return party_organizations_visible_to(user).filter(parent=party_organization)


def openable_case_ids(user, party_organization):
    cases_here = cases_visible_to(user).filter(organization__party_organizations=party_organization)
    return set(cases_here.values_list("organization_id", flat=True))


def rating(pk):
    return get_object_or_404(StarRating, pk=pk)
