"""Reminders of party incubation deadlines, run daily by incubator.tasks.scan_deadlines. Each scan selects
on indexed date columns and sends through remind_once, so a second run the same day sends nothing."""

from datetime import timedelta

from django.db.models import DateField, F, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.deadlines import not_reminded
from incubator.roles import Role, holders
from incubator.services import interpolate, remind_once

from .models import PartyCase, PartyMember, PartyOrganization, StarRating, TransferStatus
from .selectors import current_scheme

INSTRUCTOR_WITHIN_DAYS = 3
IDLE_DAYS = 90
MEETING_NOTICE_DAYS = 7
TRANSFER_NOTICE_DAYS = 14


def _days_after(column, days):
    return Cast(F(column) + timedelta(days=days), DateField())


def _party_staff():
    return list(holders(Role.PARTY_STAFF))


def _case_url(organization_id):
    return reverse("partybuild:case", args=[organization_id])


def instructor_missing(today):
    staff = _party_staff()
    cases = not_reminded(
        PartyCase.objects.select_related("organization").filter(
            instructor__isnull=True, opened_on__lte=today - timedelta(days=INSTRUCTOR_WITHIN_DAYS)
        ),
        "party_instructor_missing",
        _days_after("opened_on", INSTRUCTOR_WITHIN_DAYS),
    )
    return sum(
        remind_once(
            case,
            "party_instructor_missing",
            case.due,
            staff,
            interpolate(_("No party-building instructor yet: %(org)s"), {"org": case.organization.name}),
            _("The organization was admitted more than 3 days ago. Assign an instructor."),
            _case_url(case.organization_id),
        )
        for case in cases
    )


def stage_idle(today):
    staff = _party_staff()
    cases = not_reminded(
        PartyCase.objects.select_related("organization", "instructor").filter(
            last_activity_on__lte=today - timedelta(days=IDLE_DAYS)
        ),
        "party_stage_idle",
        _days_after("last_activity_on", IDLE_DAYS),
    )
    return sum(
        remind_once(
            case,
            "party_stage_idle",
            case.due,
            [case.instructor] if case.instructor else staff,
            interpolate(
                _("No party incubation activity for 90 days: %(org)s (%(stage)s)"),
                {"org": case.organization.name, "stage": case.get_stage_display()},
            ),
            url=_case_url(case.organization_id),
        )
        for case in cases
    )


def star_rating_due(today):
    scheme = current_scheme()
    if scheme is None:
        return 0
    due = scheme.due_on(today.year)
    if today < due - timedelta(days=scheme.remind_days_before):
        return 0
    staff = _party_staff()
    rated = StarRating.objects.filter(year=today.year, state=StarRating.State.FINAL).values("party_organization")
    unrated = not_reminded(
        PartyOrganization.objects.filter(
            kind__in=PartyOrganization.Kind.branches(), is_active=True, formed_on__lte=due
        ).exclude(pk__in=rated),
        "party_star_rating_due",
        Value(due, DateField()),
    )
    return sum(
        remind_once(
            party_organization,
            "party_star_rating_due",
            due,
            staff,
            interpolate(
                _("Star rating %(year)s due by %(due)s: %(name)s"),
                {"year": today.year, "due": due.isoformat(), "name": party_organization.name},
            ),
            url=reverse("partybuild:party_organization", args=[party_organization.pk]),
        )
        for party_organization in unrated
    )


def joint_meeting_due(today):
    staff = _party_staff()
    due = not_reminded(
        PartyOrganization.objects.filter(
            is_active=True, next_meeting_due__lte=today + timedelta(days=MEETING_NOTICE_DAYS)
        ),
        "party_joint_meeting_due",
        F("next_meeting_due"),
    )
    return sum(
        remind_once(
            party_organization,
            "party_joint_meeting_due",
            party_organization.next_meeting_due,
            staff,
            interpolate(
                _("Joint meeting due by %(due)s: %(name)s"),
                {"due": party_organization.next_meeting_due.isoformat(), "name": party_organization.name},
            ),
            url=reverse("partybuild:party_organization", args=[party_organization.pk]),
        )
        for party_organization in due
    )


def transfer_due(today):
    """Letters of transfer lapse after 3 (6 across provinces) months; the names stay out of the message."""
    staff = _party_staff()
    members = not_reminded(
        PartyMember.objects.select_related("case__organization", "case__instructor").filter(
            transfer_status=TransferStatus.PENDING,
            receipt_returned=False,
            transfer_due__lte=today + timedelta(days=TRANSFER_NOTICE_DAYS),
        ),
        "party_transfer_due",
        F("transfer_due"),
    )
    return sum(
        remind_once(
            member,
            "party_transfer_due",
            member.transfer_due,
            [member.case.instructor, *staff],
            interpolate(
                _("A party membership transfer in %(org)s is due on %(due)s"),
                {"org": member.case.organization.name, "due": member.transfer_due.isoformat()},
            ),
            url=reverse("partybuild:members", args=[member.case.organization_id]),
        )
        for member in members
    )
