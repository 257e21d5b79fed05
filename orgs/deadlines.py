"""The orgs app's daily scan: in-shell periods ending, growth evaluations due, follow-up years ending,
overdue stages, and experts' scores due. One query per rule (indexed date columns), each reminder sent once."""

from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.deadlines import not_reminded
from incubator.services import interpolate, remind_once

from .models import Assignment, Evaluation, Incubation, Stage
from .selectors import confirmed_applicants_by_organization, park_staff_members

IN_SHELL_WARNINGS = (30, 7, 1)
FOLLOW_UP_WARNINGS = (30, 7)
SCORES_DUE_WARNINGS = (3, 1)


def _incubations(**filters):
    return Incubation.objects.filter(**filters).select_related("organization", "responsible_staff")


def _with_applicants(incubations):
    """The incubations, each with the accounts that speak for its organization (one query more)."""
    incubations = list(incubations)
    applicants = confirmed_applicants_by_organization({i.organization_id for i in incubations})
    for incubation in incubations:
        incubation.applicants = applicants[incubation.organization_id]
    return incubations


def _recipients(incubation, park_staff):
    staff = [incubation.responsible_staff] if incubation.responsible_staff_id else park_staff
    return incubation.applicants + staff


def scan_incubations(today):
    park_staff = list(park_staff_members())
    sent = 0

    def remind(incubation, kind, due, title):
        nonlocal sent
        url = reverse("orgs:organization", args=[incubation.organization_id])
        sent += remind_once(incubation, kind, due, _recipients(incubation, park_staff), title, url=url)

    in_shell_dates = {today + timedelta(days=d): d for d in IN_SHELL_WARNINGS}
    for incubation in _with_applicants(_incubations(stage=Stage.IN_SHELL, in_shell_until__in=in_shell_dates)):
        days = in_shell_dates[incubation.in_shell_until]
        remind(
            incubation,
            f"orgs_in_shell_ends_{days}",
            incubation.in_shell_until,
            interpolate(
                _("%(org)s: the in-shell period ends in %(days)s days (%(date)s); prepare the growth evaluation"),
                {"org": incubation.organization.name, "days": days, "date": incubation.in_shell_until},
            ),
        )
    for incubation in _with_applicants(_incubations(stage=Stage.IN_SHELL, in_shell_until=today)):
        remind(
            incubation,
            "orgs_growth_evaluation_due",
            today,
            interpolate(_("%(org)s: the growth evaluation is due today"), {"org": incubation.organization.name}),
        )
    follow_up_dates = {today + timedelta(days=d): d for d in FOLLOW_UP_WARNINGS}
    for incubation in _with_applicants(_incubations(stage=Stage.FOLLOW_UP, follow_up_until__in=follow_up_dates)):
        days = follow_up_dates[incubation.follow_up_until]
        remind(
            incubation,
            f"orgs_follow_up_ends_{days}",
            incubation.follow_up_until,
            interpolate(
                _("%(org)s: the follow-up year ends in %(days)s days (%(date)s)"),
                {"org": incubation.organization.name, "days": days, "date": incubation.follow_up_until},
            ),
        )
    overdue = _incubations(stage__in=Stage.active(), stage_due_on__lt=today)
    for incubation in _with_applicants(not_reminded(overdue, "orgs_stage_overdue", F("stage_due_on"))):
        remind(
            incubation,
            "orgs_stage_overdue",
            incubation.stage_due_on,
            interpolate(
                _("%(org)s is overdue in the stage %(stage)s (due %(date)s)"),
                {
                    "org": incubation.organization.name,
                    "stage": incubation.get_stage_display(),
                    "date": incubation.stage_due_on,
                },
            ),
        )
    return sent


def scan_scores_due(today):
    """Experts who have not yet scored an open evaluation due in 3 days or tomorrow."""
    due_dates = {today + timedelta(days=d): d for d in SCORES_DUE_WARNINGS}
    waiting = Assignment.objects.filter(
        evaluation__status=Evaluation.Status.OPEN,
        evaluation__due_on__in=due_dates,
        submitted_at__isnull=True,
        conflict_declared_at__isnull=True,
        replaced_at__isnull=True,
    ).select_related("expert", "evaluation__organization")
    sent = 0
    for assignment in waiting:
        evaluation = assignment.evaluation
        days = due_dates[evaluation.due_on]
        sent += remind_once(
            assignment,
            f"orgs_scores_due_{days}",
            evaluation.due_on,
            [assignment.expert],
            interpolate(
                _("Please submit your scores for %(org)s: due in %(days)s days (%(date)s)"),
                {"org": evaluation.organization.name, "days": days, "date": evaluation.due_on},
            ),
            url=reverse("orgs:expert_assignment", args=[assignment.pk]),
        )
    return sent
