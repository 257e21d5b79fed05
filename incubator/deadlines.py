"""The reminder engine. Each app registers scanners (in its AppConfig.ready); the daily Celery task runs
them all for one date. A scanner takes that date and returns how many reminders it sent, sending each
through services.remind_once so that running the scan twice sends nothing twice."""

_scanners = []


def scanner(func):
    if func not in _scanners:
        _scanners.append(func)
    return func


def run_scan(today):
    return {f"{func.__module__}.{func.__name__}": func(today) for func in _scanners}
