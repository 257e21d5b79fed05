"""Private iCalendar feeds of the deadlines a user cares about. Each app contributes a provider
(incubator.protocol): provider(user, since) -> iterable of CalendarEvent dated `since` or later."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from . import protocol


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    title: str
    description: str = ""
    url: str = ""


def events_for(user):
    """Every app's events for the user, with dates from a month ago on (a feed is for what comes)."""
    if not user.is_authenticated:
        return []
    since = timezone.localdate() - timedelta(days=30)
    return [event for provider in protocol.collect("calendar") for event in provider(user, since)]


def feed(user, name, base_url):
    calendar = Calendar()
    calendar.add("prodid", "-//Ejin Horo Double Incubation Park//park portal//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(name))
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for item in events_for(user):
        event = Event()
        event.add("uid", f"{item.uid}@park-portal")
        event.add("summary", str(item.title))
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        if item.description:
            event.add("description", str(item.description))
        if item.url:
            event.add("url", base_url + item.url)
        calendar.add_component(event)
    return calendar.to_ical()
