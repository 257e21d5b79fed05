"""An expert declaring a conflict of interest (回避) on a stage evaluation: the assignment leaves the panel, a
drawn seat passes to the first reserve, and staff are asked to replace the expert. It builds on both the
evaluation and the pool, which do not import it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.services import interpolate, notify

from .. import permissions
from ..models import Assignment
from ..selectors import seat_for
from .common import park_staff, save_logged
from .pool import leave_panel


@transaction.atomic
def declare_conflict(by, assignment, note):
    """The expert recuses: the assignment leaves the panel and staff are asked to replace it."""
    permissions.require_assigned_expert(by, assignment)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say briefly what ties you to the organization.")})
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if not can_proceed(assignment.recuse):
        raise ValidationError(_("You are no longer on this panel."))
    assignment.recuse(note.strip())
    save_logged(assignment, by)
    evaluation = assignment.evaluation
    # On a drawn panel the expert's seat goes too, and the first reserve takes the place.
    seat = seat_for(by, evaluation)
    if seat is not None:
        leave_panel(by, seat, assignment.conflict_note, conflict=True)
    notify(
        park_staff(),
        "orgs_conflict_declared",
        interpolate(
            _("An expert declared a conflict on the %(kind)s of %(org)s: please replace them"),
            {"kind": evaluation.get_kind_display(), "org": evaluation.organization.name},
        ),
        url=reverse("orgs:evaluation", args=[evaluation.pk]),
    )
    return assignment
