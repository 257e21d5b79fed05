"""The reminder engine. Each app contributes its deadline scanners (incubator.protocol); the daily Celery task
runs them all for one date. A scanner takes that date and returns how many reminders it sent, sending each
through services.remind_once so that running the scan twice sends nothing twice."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from . import protocol
from .models import Reminder


def run_scan(today):
    return {f"{func.__module__}.{func.__name__}": func(today) for func in protocol.each("scanners")}


def not_reminded(qs, kind, due):
    """`qs` less the rows already reminded of `kind` for their due date (`due`: an expression, e.g. F("due_on")),
    so that a repeated scan costs one query, not a savepoint and a refused insert per row."""
    reminders = Reminder.objects.filter(
        content_type=ContentType.objects.get_for_model(qs.model),
        object_id=OuterRef("pk"),
        kind=kind,
        due_date=OuterRef("due"),
    )
    return qs.annotate(due=due).exclude(Exists(reminders))
