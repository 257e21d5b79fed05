"""The incubation deadlines in a user's private calendar feed (incubator.calendar): staff see in-shell ends
and evaluation scores due; an organization its own in-shell and follow-up ends; an expert the scores they owe.
Each list is one query; only dates from a month ago on."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.calendar import CalendarEvent
from incubator.services import interpolate

from .models import Evaluation, Incubation, Stage
from .selectors import assignments_for_expert, organization_of


def events(user, since):
    """Staff see every organization's dates; an applicant those of the organization it speaks for; an expert the
    scores they owe."""
    result = []
    if user.is_park_staff:
        result += _staff(since)
    speaks_for = organization_of(user) if user.is_applicant else None
    if speaks_for:
        result += _organization(speaks_for, since)
    if user.is_expert:
        result += _expert(user, since)
    return result


def _in_shell_end(incubation, url):
    return CalendarEvent(
        f"orgs-in-shell-{incubation.pk}",
        incubation.in_shell_until,
        interpolate(_("%(org)s: in-shell period ends"), {"org": incubation.organization.name}),
        url=url,
    )


def _staff(since):
    result = []
    shell = Incubation.objects.filter(stage=Stage.IN_SHELL, in_shell_until__gte=since).select_related("organization")
    for incubation in shell:
        result.append(_in_shell_end(incubation, reverse("orgs:organization", args=[incubation.organization_id])))
    due = Evaluation.objects.filter(status=Evaluation.Status.OPEN, due_on__gte=since).select_related("organization")
    for evaluation in due:
        result.append(
            CalendarEvent(
                f"orgs-evaluation-{evaluation.pk}",
                evaluation.due_on,
                interpolate(
                    _("%(org)s: %(evaluation)s scores due"),
                    {"org": evaluation.organization.name, "evaluation": evaluation.get_kind_display()},
                ),
                url=reverse("orgs:evaluation", args=[evaluation.pk]),
            )
        )
    return result


def _organization(organization, since):
    incubation = Incubation.objects.filter(organization=organization).select_related("organization").first()
    if incubation is None:
        return []
    url = reverse("orgs:my_organization")
    result = []
    if incubation.stage == Stage.IN_SHELL and incubation.in_shell_until and incubation.in_shell_until >= since:
        result.append(_in_shell_end(incubation, url))
    if incubation.stage == Stage.FOLLOW_UP and incubation.follow_up_until and incubation.follow_up_until >= since:
        result.append(
            CalendarEvent(
                f"orgs-follow-up-{incubation.pk}",
                incubation.follow_up_until,
                interpolate(_("%(org)s: follow-up year ends"), {"org": organization.name}),
                url=url,
            )
        )
    return result


def _expert(user, since):
    waiting = assignments_for_expert(user).filter(submitted_at__isnull=True, evaluation__due_on__gte=since)
    return [
        CalendarEvent(
            f"orgs-scores-{a.pk}",
            a.evaluation.due_on,
            interpolate(_("Scores due: %(org)s"), {"org": a.evaluation.organization.name}),
            url=reverse("orgs:expert_assignment", args=[a.pk]),
        )
        for a in waiting
    ]
