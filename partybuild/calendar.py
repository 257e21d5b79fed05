"""Party-building deadlines in a user's private calendar feed (incubator.calendar), for party staff (every
case) and instructors (the cases they guide): star ratings due, joint meetings due and membership transfers
due. A transfer names the organization, never the member. Each list is one query; dates from a month ago on."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.calendar import CalendarEvent
from incubator.services import interpolate

from .models import PartyMember, PartyOrganization, StarRating, TransferStatus
from .selectors import cases_visible_to, current_scheme, party_organizations_visible_to


def events(user, since):
    if not (user.is_party_staff or user.is_instructor):
        return []
    party_organizations = party_organizations_visible_to(user).filter(is_active=True)
    return (
        _star_ratings(party_organizations, since)
        + _joint_meetings(party_organizations, since)
        + _transfers(cases_visible_to(user), since)
    )


def _party_organization_url(party_organization):
    return reverse("partybuild:party_organization", args=[party_organization.pk])


def _star_ratings(party_organizations, since):
    scheme = current_scheme()
    today = timezone.localdate()
    if scheme is None or scheme.due_on(today.year) < since:
        return []
    year, due = today.year, scheme.due_on(today.year)
    rated = StarRating.objects.filter(year=year, state=StarRating.State.FINAL).values("party_organization")
    unrated = party_organizations.filter(kind__in=PartyOrganization.Kind.branches(), formed_on__lte=due).exclude(
        pk__in=rated
    )
    return [
        CalendarEvent(
            f"party-star-rating-{p.pk}-{year}",
            due,
            interpolate(_("Star rating %(year)s due: %(name)s"), {"year": year, "name": p.name}),
            url=_party_organization_url(p),
        )
        for p in unrated
    ]


def _joint_meetings(party_organizations, since):
    return [
        CalendarEvent(
            f"party-joint-meeting-{p.pk}-{p.next_meeting_due:%Y%m%d}",
            p.next_meeting_due,
            interpolate(_("Joint meeting due: %(name)s"), {"name": p.name}),
            url=_party_organization_url(p),
        )
        for p in party_organizations.filter(next_meeting_due__gte=since)
    ]


def _transfers(cases, since):
    pending = PartyMember.objects.filter(
        case__in=cases.values("pk"),
        transfer_status=TransferStatus.PENDING,
        receipt_returned=False,
        transfer_due__gte=since,
    ).select_related("case__organization")
    return [
        CalendarEvent(
            f"party-transfer-{m.pk}-{m.transfer_due:%Y%m%d}",
            m.transfer_due,
            interpolate(_("A party membership transfer in %(org)s is due"), {"org": m.case.organization.name}),
            url=reverse("partybuild:members", args=[m.case.organization_id]),
        )
        for m in pending
    ]
