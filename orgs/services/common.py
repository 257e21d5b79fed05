"""Who hears about a change, and the stage log every move writes."""

from ..models import StageLog
from ..selectors import park_staff_members


def save_logged(obj, by):
    """Save a record with who changed it in its history (services also run outside a request)."""
    obj._history_user = by
    obj.save()
    return obj


def park_staff():
    return list(park_staff_members())


def log_step(incubation, by, from_stage, action, when, reason):
    return StageLog.objects.create(
        incubation=incubation,
        from_stage=from_stage,
        to_stage=incubation.stage,
        action=action,
        on=when,
        by=by,
        reason=reason,
    )
