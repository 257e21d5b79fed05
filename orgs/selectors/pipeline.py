"""The incubation pipeline for staff: the workbench list, the board's counts, the dashboard's funnel and who was
in the park on a given day."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from ..models import Application, Evaluation, Membership, Organization, SpaceAllocation
from ..models.incubation import Stage, StageLog

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


def admitted_organizations():
    """The organizations in the park now (admitted and not yet gone): the party app covers each of them."""
    return Organization.objects.filter(incubation__stage__in=Stage.in_park())


def overdue_q(today=None):
    today = today or timezone.localdate()
    return Q(incubation__stage__in=Stage.active(), incubation__stage_due_on__lt=today)


def workbench_organizations(user):
    """The staff list: one query whatever the number of rows (site, incubation and its staff joined)."""
    if not (user.is_authenticated and user.is_park_staff):
        return Organization.objects.none()
    return Organization.objects.select_related("site", "incubation", "incubation__responsible_staff").order_by(
        "site__order", "name"
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


def in_park_on(day, path=""):
    """Organizations admitted by `day` and not gone by then, read from the stage log. `path` leads from the
    queried model to the organization (e.g. "organization__" for party cases)."""
    gone = StageLog.objects.filter(
        incubation__organization=OuterRef(f"{path}pk" if path else "pk"), to_stage__in=Stage.gone(), on__lte=day
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
        .annotate(**{f"reached_{stage}": Count("pk", filter=reached_q(stage)) for stage in Stage.pipeline()})
    )
    return {row["site"]: {stage: row[f"reached_{stage}"] for stage in Stage.pipeline()} for row in rows}


def organization_page(user, pk):
    """One organization with everything its staff page shows, or DoesNotExist."""
    return (
        workbench_organizations(user)
        .prefetch_related(
            Prefetch("applications", Application.objects.select_related("call")),
            "documents",
            "service_entries__staff",
            "government_bids",
            Prefetch("space_allocations", SpaceAllocation.objects.select_related("space__site", "released_by")),
            Prefetch("evaluations", Evaluation.objects.select_related("rubric").prefetch_related("assignments")),
            Prefetch("memberships", Membership.objects.select_related("user")),
            "incubation__logs__by",
        )
        .get(pk=pk)
    )
