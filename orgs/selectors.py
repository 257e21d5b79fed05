"""What each role may see of organizations. Every list, detail, export and download goes through here."""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone

from incubator.models import ParkProfile, Site
from incubator.roles import Role, holders

from .models import (
    REGISTERED_TYPES,
    Assignment,
    Draw,
    Evaluation,
    ExpertProfile,
    Membership,
    Organization,
    OrganizationDocument,
    RecruitmentCall,
    Seat,
    Space,
    SpaceAllocation,
)
from .models.incubation import ACTIVE_STAGES, IN_PARK_STAGES, Stage, StageLog


def membership_of(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("organization").filter(user=user).first()


def organization_of(user):
    """The organization an applicant speaks for, once staff have confirmed the account."""
    membership = membership_of(user)
    return membership.organization if membership and membership.is_confirmed else None


def organizations_visible_to(user):
    qs = Organization.objects.select_related("site")
    if user.is_authenticated and (user.is_park_staff or user.is_party_staff):
        return qs
    organization = organization_of(user)
    return qs.filter(pk=organization.pk) if organization else qs.none()


def directory():
    """The public directory: only organizations that agreed to be listed."""
    return Organization.objects.select_related("site").filter(publish_in_directory=True)


def conflicted_organization_ids(user):
    """Organizations an expert must recuse from: declared ties plus the expert's own organization."""
    ids = set()
    if not user.is_authenticated:
        return ids
    ids.update(
        Organization.objects.filter(Q(tied_experts__user=user) | Q(memberships__user=user)).values_list("pk", flat=True)
    )
    return ids


def admitted_organizations():
    """The organizations in the park now (admitted and not yet gone): the party app covers each of them."""
    return Organization.objects.filter(incubation__stage__in=IN_PARK_STAGES)


def park_staff_members():
    return holders(Role.PARK_STAFF).order_by("full_name", "username")


def pending_memberships():
    """Applicant accounts waiting for staff, oldest first (one query)."""
    return (
        Membership.objects.select_related("user", "organization", "organization__site")
        .filter(confirmed_at__isnull=True)
        .order_by("requested_at", "pk")
    )


def recently_confirmed_memberships(limit=20):
    return (
        Membership.objects.select_related("user", "organization", "confirmed_by")
        .filter(confirmed_at__isnull=False)
        .order_by("-confirmed_at")[:limit]
    )


# -- the staff workbench -------------------------------------------------------------------------------------
def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(incubation__stage__in=ACTIVE_STAGES, incubation__stage_due_on__lt=today)


def workbench_organizations(user):
    """The staff list: one query whatever the number of rows (site, incubation and its staff joined)."""
    if not (user.is_authenticated and user.is_park_staff):
        return Organization.objects.none()
    return Organization.objects.select_related("site", "incubation", "incubation__responsible_staff").order_by(
        "site__order", "name"
    )


# The columns a row of the staff organization list shows; the page and the export of one organization read
# the whole record.
LIST_COLUMNS = (
    "name",
    "uscc",
    "registration_type",
    "track",
    "category",
    "grade",
    "site__name",
    "site__short_name",
    "incubation__stage",
    "incubation__stage_due_on",
    "incubation__responsible_staff__username",
    "incubation__responsible_staff__full_name",
)


def organization_rows(user, ids):
    """The staff list's rows for one page of organization ids (a sliced values_list of the filtered list), in
    one query: the sort over every organization reads only their ids, then the page's rows are read with
    only the columns shown."""
    return workbench_organizations(user).filter(pk__in=ids).only(*LIST_COLUMNS)


def pipeline(organizations):
    """Counts per stage per site of the given (filtered) organizations: {site id: {stage: n}}, in one query."""
    return pipeline_and_overdue(organizations)[0]


def pipeline_and_overdue(organizations):
    """The pipeline counts and how many of the organizations are overdue in their stage, in the same query."""
    board, overdue = {}, 0
    rows = (
        organizations.order_by()
        .values("site", "incubation__stage")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=overdue_q()))
    )
    for row in rows:
        board.setdefault(row["site"], {})[row["incubation__stage"] or ""] = row["n"]
        overdue += row["overdue"]
    return board, overdue


# Stages an organization leaves the park by (the declined were never admitted).
GONE_STAGES = (Stage.COMPLETED, Stage.WITHDRAWN, Stage.TERMINATED)


def in_park_on(day, path=""):
    """Organizations admitted by `day` and not gone by then, read from the stage log. `path` leads from the
    queried model to the organization (e.g. "organization__" for party cases)."""
    gone = StageLog.objects.filter(
        incubation__organization=OuterRef(f"{path}pk" if path else "pk"), to_stage__in=GONE_STAGES, on__lte=day
    )
    return Q(**{f"{path}incubation__admitted_on__lte": day}) & ~Q(Exists(gone))


def reached_q(stage):
    """Organizations whose incubation reached `stage`: there now, or its stage log shows it entering or leaving
    it (every incubation starts with an application)."""
    if stage == Stage.APPLICATION:
        return Q(incubation__isnull=False)
    moved = StageLog.objects.filter(incubation__organization=OuterRef("pk")).filter(
        Q(to_stage=stage) | Q(from_stage=stage)
    )
    return Q(incubation__stage=stage) | Q(Exists(moved))


def funnel(organizations):
    """How many of the given organizations reached each pipeline stage, per site: {site id: {stage: n}}, in one
    query (the dashboard's funnel; `pipeline` counts where they are now)."""
    rows = (
        organizations.order_by()
        .values("site")
        .annotate(**{f"reached_{stage}": Count("pk", filter=reached_q(stage)) for stage in PIPELINE_STAGES})
    )
    return {row["site"]: {stage: row[f"reached_{stage}"] for stage in PIPELINE_STAGES} for row in rows}


def organization_page(user, pk):
    """One organization with everything its staff page shows, or DoesNotExist."""
    return (
        workbench_organizations(user)
        .select_related("application__call")
        .prefetch_related(
            "documents",
            "service_entries__staff",
            "government_bids",
            Prefetch("space_allocations", SpaceAllocation.objects.select_related("space__site")),
            Prefetch("evaluations", Evaluation.objects.select_related("rubric").prefetch_related("assignments")),
            Prefetch("memberships", Membership.objects.select_related("user")),
            "incubation__logs__by",
        )
        .get(pk=pk)
    )


def evaluation_for_staff(user, pk):
    if not (user.is_authenticated and user.is_park_staff):
        raise Evaluation.DoesNotExist
    return (
        Evaluation.objects.select_related("organization__site", "organization__incubation", "rubric", "decided_by")
        .prefetch_related(
            "rubric__criteria",
            Prefetch(
                "assignments",
                Assignment.objects.select_related("expert", "assigned_by").prefetch_related("scores"),
            ),
        )
        .get(pk=pk)
    )


def free_spaces(site=None):
    held = SpaceAllocation.objects.filter(space=OuterRef("pk"), released_on__isnull=True)
    qs = Space.objects.filter(is_active=True).exclude(Exists(held)).select_related("site")
    return qs.filter(site=site) if site else qs


def occupancy_by_site():
    """Per active site: spaces, held, free and the share held."""
    sites = (
        Site.objects.filter(is_active=True)
        .order_by("order", "id")
        .annotate(
            spaces_total=Count("spaces", filter=Q(spaces__is_active=True), distinct=True),
            spaces_held=Count(
                "spaces__allocations",
                filter=Q(spaces__is_active=True, spaces__allocations__released_on__isnull=True),
                distinct=True,
            ),
        )
    )
    result = []
    for site in sites:
        share = round(100 * site.spaces_held / site.spaces_total) if site.spaces_total else None
        result.append({"site": site, "total": site.spaces_total, "held": site.spaces_held, "share": share})
    return result


def spaces_with_holders():
    current = SpaceAllocation.objects.filter(released_on__isnull=True).select_related("organization")
    return (
        Space.objects.filter(is_active=True)
        .select_related("site")
        .prefetch_related(Prefetch("allocations", current, to_attr="current"))
    )


# -- the KPI: registered organizations per 10,000 residents --------------------------------------------------
def per_ten_thousand(count, population):
    if not population:
        return None
    return (Decimal(count) * 10000 / Decimal(population)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def registered_density():
    """Banner-wide and per-site figures, in three queries (the profile, the counts per site, the sites)."""
    profile = ParkProfile.current()
    per_site = dict(
        Organization.objects.filter(registration_type__in=REGISTERED_TYPES)
        .order_by()
        .values_list("site")
        .annotate(n=Count("pk"))
    )
    banner_count = sum(per_site.values())
    sites = Site.objects.filter(is_active=True).order_by("order", "id")
    return {
        "profile": profile,
        "registered": banner_count,
        "population": profile.banner_population,
        "per_10k": per_ten_thousand(banner_count, profile.banner_population),
        "sites": [
            {
                "site": s,
                "registered": per_site.get(s.pk, 0),
                "residents": s.residents,
                "per_10k": per_ten_thousand(per_site.get(s.pk, 0), s.residents),
            }
            for s in sites
        ],
    }


# -- recruitment, documents ----------------------------------------------------------------------------------
def open_calls(today=None):
    today = today or timezone.localdate()
    return (
        RecruitmentCall.objects.filter(published=True, opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .prefetch_related("sites")
    )


def calls_for_staff():
    """Every call, newest first, with its sites and how many applications it drew (two queries)."""
    return RecruitmentCall.objects.prefetch_related("sites").annotate(applications_n=Count("applications"))


def active_sites():
    return Site.objects.filter(is_active=True).order_by("order", "id")


def published_calls():
    return RecruitmentCall.objects.filter(published=True).prefetch_related("sites")


def documents_visible_to(user):
    return OrganizationDocument.objects.filter(organization__in=organizations_visible_to(user))


# -- experts -------------------------------------------------------------------------------------------------
def assignments_for_expert(user):
    """An expert's panels: assigned to them, not declared conflicted, not replaced, no recusal tie."""
    if not (user.is_authenticated and user.is_expert):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(expert=user, conflict_declared_at__isnull=True, replaced_at__isnull=True)
        .exclude(evaluation__organization__in=conflicted_organization_ids(user))
        .select_related("evaluation__organization__site", "evaluation__rubric")
        # What still needs my scores first, soonest due first.
        .order_by(F("submitted_at").asc(nulls_first=True), "evaluation__due_on")
    )


def expert_home_rows(user):
    """The expert's list of evaluations: their assignments with only what a row shows."""
    return (
        assignments_for_expert(user)
        .select_related(None)
        .select_related("evaluation__organization__site")
        .only(
            "submitted_at",
            "evaluation__kind",
            "evaluation__status",
            "evaluation__due_on",
            "evaluation__organization__name",
            "evaluation__organization__site__name",
            "evaluation__organization__site__short_name",
        )
    )


def evaluations_to_decide():
    return Evaluation.objects.filter(status__in=[Evaluation.Status.OPEN, Evaluation.Status.CLOSED]).select_related(
        "organization"
    )


# The pipeline, application to completion, in the order organizations move through it.
PIPELINE_STAGES = [
    Stage.APPLICATION,
    Stage.INSPECTION,
    Stage.ADMISSION_EVALUATION,
    Stage.IN_SHELL,
    Stage.GROWTH_EVALUATION,
    Stage.FOLLOW_UP,
    Stage.RESIDENT,
    Stage.COMPLETED,
]
STAGES_IN_ORDER = PIPELINE_STAGES + [
    Stage.DECLINED,
    Stage.WITHDRAWN,
    Stage.TERMINATED,
]


# -- the expert pool -----------------------------------------------------------------------------------------
def seat_for(expert, target):
    """The expert's panel seat on the newest draw for `target`, or None when no draw made this panel."""
    content_type = ContentType.objects.get_for_model(target)
    return (
        Seat.objects.filter(
            draw__target_type=content_type, draw__target_id=target.pk, expert=expert, status=Seat.Status.PANEL
        )
        .select_related("draw")
        .order_by("-draw__drawn_at")
        .first()
    )


def pledge_pending(expert, target):
    """The seat whose pledge the expert must accept before seeing anything of `target`, or None."""
    seat = seat_for(expert, target)
    return seat if seat is not None and seat.pledge_accepted_at is None else None


def seats_of(expert):
    """An expert's draws: where they sit or wait as a reserve, newest first."""
    return (
        Seat.objects.filter(expert=expert, status__in=[Seat.Status.PANEL, Seat.Status.RESERVE])
        .select_related("draw")
        .order_by("-draw__drawn_at", "position")
    )


def pool_profiles():
    """The staff list of the pool: one query, panels served counted."""
    return (
        ExpertProfile.objects.select_related("user")
        .annotate(panels=Count("user__draw_seats", filter=Q(user__draw_seats__status=Seat.Status.PANEL)))
        .order_by("suspended_at", "user__username")
    )


def draws():
    return Draw.objects.select_related("drawn_by", "target_type").annotate(
        panel=Count("seats", filter=Q(seats__status=Seat.Status.PANEL))
    )


def registered_by_year(site=None):
    """Registered organizations counted per registration year (the record's creation year when the date is
    unknown), as {year: n}, in one query: the dashboard's density over time."""
    from django.db.models.functions import Coalesce, ExtractYear

    qs = Organization.objects.filter(registration_type__in=REGISTERED_TYPES)
    if site:
        qs = qs.filter(site=site)
    rows = (
        qs.annotate(year=Coalesce(ExtractYear("registered_on"), ExtractYear("created_at")))
        .order_by()
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def annual_figures(year):
    """Per (site id, category): organizations taken in, incubated (in the shell some time in the year), exited,
    and government-service bids won (count and amount) in `year`. Two queries."""
    from datetime import date

    from django.db.models import Sum

    from .models import GovernmentBid

    start, end = date(year, 1, 1), date(year, 12, 31)
    in_shell_during = Q(
        incubation__admitted_on__lte=end, incubation__in_shell_until__gte=start, incubation__admitted_on__isnull=False
    ) & (Q(incubation__exited_on__isnull=True) | Q(incubation__exited_on__gte=start))
    rows = (
        Organization.objects.order_by()
        .values("site", "category")
        .annotate(
            taken_in=Count("pk", filter=Q(incubation__admitted_on__range=(start, end))),
            incubated=Count("pk", filter=in_shell_during),
            exited=Count("pk", filter=Q(incubation__exited_on__range=(start, end))),
        )
    )
    figures = {(r["site"], r["category"]): dict(r) for r in rows}
    bids = (
        GovernmentBid.objects.filter(result=GovernmentBid.Result.WON, submitted_on__range=(start, end))
        .order_by()
        .values("organization__site", "organization__category")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    )
    for b in bids:
        row = figures.setdefault((b["organization__site"], b["organization__category"]), {})
        row.update(bids_won=b["n"], bids_amount=b["amount"])
    return figures
