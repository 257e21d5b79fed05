"""The reminder engine. Each app contributes its deadline scanners (incubator.protocol); the daily Celery task
runs them all for one date. A scanner takes that date and returns how many reminders it sent, sending each
through services.remind_once so that running the scan twice sends nothing twice."""

from . import protocol


def run_scan(today):
    return {f"{func.__module__}.{func.__name__}": func(today) for func in protocol.each("scanners")}
