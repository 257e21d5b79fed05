"""Stage evaluations: what staff see of a panel, what an expert is assigned and may score."""

from django.db.models import F, Prefetch

from incubator.roles import Role, holders

from ..models import Assignment, Evaluation
from .recusal import recusals, recused_organization_ids


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


def open_evaluations():
    """Evaluations whose panel may still be drawn, with their organization."""
    return Evaluation.objects.select_related("organization").filter(status=Evaluation.Status.OPEN)


def evaluations_with_rubric():
    return Evaluation.objects.select_related("organization", "rubric")


def submitted_sheets(evaluation):
    """The assignments whose scores go on the evaluation's signed sheets: submitted, not recused, in the order
    the experts were assigned, with their scores."""
    return (
        evaluation.assignments.filter(submitted_at__isnull=False, conflict_declared_at__isnull=True)
        .select_related("expert__expert_profile")
        .prefetch_related("scores")
        .order_by("assigned_at", "id")
    )


def assignments_for_expert(user):
    """An expert's panels: assigned to them, not declared conflicted, not replaced, no recusal tie."""
    if not (user.is_authenticated and user.is_expert):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(expert=user, conflict_declared_at__isnull=True, replaced_at__isnull=True)
        .exclude(evaluation__organization__in=recused_organization_ids(user))
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
    return Evaluation.objects.filter(status__in=Evaluation.Status.undecided()).select_related("organization")


def experts():
    """Every active expert reviewer, with the profile their name is shown with."""
    return holders(Role.EXPERT).select_related("expert_profile")


def experts_free_for(evaluation):
    """Experts who may join the panel: not on it yet and not tied to the organization."""
    free = experts().exclude(pk__in=evaluation.assignments.values_list("expert", flat=True))
    conflicts = recusals(free.values_list("pk", flat=True))
    return free.exclude(pk__in=[pk for pk, ids in conflicts.items() if evaluation.organization_id in ids])


def last_rubric_id(kind):
    """The rubric of the newest evaluation of this kind: a new one starts from it."""
    return Evaluation.objects.filter(kind=kind).order_by("-created_at").values_list("rubric", flat=True).first()


def rubrics_being_scored():
    """Ids of the rubrics of the evaluations still open to scores (incubator.scoring.RUBRICS_IN_USE)."""
    return set(Evaluation.objects.filter(status=Evaluation.Status.OPEN).values_list("rubric_id", flat=True))
