"""Venture deadlines in a user's private calendar feed (incubator.calendar): staff see announcement (公示)
ends and progress reports due; an organization its rounds' submission deadlines and its reports due; an expert
the reviews they owe. Each list is one query; only dates from a month ago on."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.calendar import CalendarEvent
from incubator.services import interpolate
from orgs.selectors import organization_of

from .models import ProgressReport, ProposalState, Round
from .selectors import active_assignments, open_rounds


def events(user, since):
    result = []
    if user.is_park_staff:
        result += _staff(since)
    speaks_for = organization_of(user) if user.is_applicant else None
    if speaks_for:
        result += _organization(speaks_for, since)
    if user.is_expert:
        result += _expert(user, since)
    return result


def _report(report, url):
    return CalendarEvent(
        f"venture-report-{report.pk}",
        report.due_on,
        interpolate(
            _("%(project)s: %(report)s due"), {"project": report.proposal.title, "report": report.get_kind_display()}
        ),
        url=url,
    )


def _staff(since):
    result = [
        CalendarEvent(
            f"venture-announcement-{r.pk}",
            r.announcement_ends_on,
            interpolate(_("%(round)s: public announcement ends"), {"round": r.title}),
            url=reverse("venture:staff_objections", args=[r.pk]),
        )
        for r in Round.objects.filter(announcement_ends_on__gte=since, announced_at__isnull=False)
    ]
    reports = ProgressReport.objects.filter(submitted_at__isnull=True, due_on__gte=since).select_related("proposal")
    result += [_report(r, reverse("venture:proposal", args=[r.proposal_id])) for r in reports]
    return result


def _organization(organization, since):
    result = [
        CalendarEvent(
            f"venture-submission-{r.pk}",
            r.submission_deadline,
            interpolate(_("%(round)s: proposals due"), {"round": r.title}),
            url=reverse("venture:round", args=[r.code]),
        )
        for r in open_rounds()
    ]
    reports = ProgressReport.objects.filter(
        proposal__organization=organization, submitted_at__isnull=True, due_on__gte=since
    ).select_related("proposal")
    result += [_report(r, reverse("venture:report", args=[r.pk])) for r in reports]
    return result


def _expert(user, since):
    waiting = (
        active_assignments(user)
        .filter(due_on__gte=since)
        .filter(Q(review__isnull=True) | Q(review__submitted_at__isnull=True))
        .exclude(proposal__state=ProposalState.WITHDRAWN)
        .select_related("proposal__round")
    )
    return [
        CalendarEvent(
            f"venture-review-{a.pk}",
            a.due_on,
            interpolate(_("Review due: proposal %(code)s"), {"code": a.proposal.code}),
            url=reverse("venture:expert_proposal", args=[a.proposal_id]),
        )
        for a in waiting
    ]
