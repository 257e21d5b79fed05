"""Private iCalendar feeds of the deadlines a user cares about. Apps register providers in AppConfig.ready:
provider(user) -> iterable of CalendarEvent."""

from dataclasses import dataclass
from datetime import date, timedelta

from icalendar import Calendar, Event

_providers = []


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    title: str
    description: str = ""
    url: str = ""


def register(provider):
    if provider not in _providers:
        _providers.append(provider)


def events_for(user):
    return [event for provider in _providers for event in provider(user)]


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
