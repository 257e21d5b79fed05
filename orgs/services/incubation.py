"""Moving an organization through the stages: every move locked, checked, logged and told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incubator import protocol
from incubator.services import interpolate, notify

from .. import permissions
from ..models import (
    Incubation,
)
from ..selectors import confirmed_applicants_of
from .common import log_step
from .support import release_spaces_left_behind

ACTIONS = {
    # action name: (label in the log, whether a reason is required)
    "apply": (_("Applied"), False),
    "start_inspection": (_("Application accepted: inspection and coaching"), False),
    "start_admission_evaluation": (_("Admission evaluation opened"), False),
    "admit": (_("Admitted into the shell (入壳)"), False),
    "admit_resident": (_("Admitted as a resident organization (入驻)"), False),
    "start_growth_evaluation": (_("Growth evaluation opened"), False),
    "extend": (_("More time in the shell"), True),
    "exit_shell": (_("Exited the shell (出壳)"), False),
    "complete": (_("Completed"), False),
    "decline": (_("Declined"), True),
    "withdraw": (_("Withdrawn"), True),
    "terminate": (_("Terminated"), True),
}


def action_label(action):
    return ACTIONS[action][0] if action in ACTIONS else action


def _release_reason(action, reason):
    """Why a move gave a space back: the step, and the reason staff gave for it."""
    if not reason:
        return str(action_label(action))
    return gettext("%(step)s: %(reason)s") % {"step": action_label(action), "reason": reason}


@transaction.atomic
def move(by, incubation, action, when=None, reason="", **kwargs):
    """Run one transition for staff: lock, check, move, log, tell the organization."""
    permissions.require_staff(by)
    incubation = Incubation.objects.select_for_update().select_related("organization__site").get(pk=incubation.pk)
    when = when or timezone.localdate()
    reason = (reason or "").strip()
    if ACTIONS[action][1] and not reason:
        raise ValidationError({"reason": _("Give the reason; the organization is told why.")})
    from_stage = incubation.stage
    method = getattr(incubation, action)
    if not any(t.name == action for t in incubation.get_available_stage_transitions()):
        raise ValidationError(_("This step is not possible from the current stage."))
    if action in ("decline", "withdraw", "terminate"):
        method(when, reason, **kwargs)
    else:
        method(when, **kwargs)
    incubation.save()
    log_step(incubation, by, from_stage, action, when, reason)
    release_spaces_left_behind(by, incubation, when, _release_reason(action, reason))
    organization = incubation.organization
    notify(
        confirmed_applicants_of(organization.pk),
        f"orgs_stage_{action}",
        interpolate(_("%(org)s: %(step)s"), {"org": organization.name, "step": action_label(action)}),
        reason,
        url=reverse("orgs:my_organization"),
    )
    return incubation


def start_inspection(by, incubation, when=None, reason=""):
    return move(by, incubation, "start_inspection", when, reason)


def complete(by, incubation, when=None, reason=""):
    return move(by, incubation, "complete", when, reason)


def decline(by, incubation, reason, when=None):
    return move(by, incubation, "decline", when, reason)


def withdraw(by, incubation, reason, when=None):
    return move(by, incubation, "withdraw", when, reason)


def terminate(by, incubation, reason, when=None):
    return move(by, incubation, "terminate", when, reason)


@transaction.atomic
def admit(by, incubation, when=None, reason=""):
    """Admission into the shell (入壳). Other apps' receivers run in this transaction (入驻一家, 覆盖一家)."""
    incubation = move(by, incubation, "admit", when, reason)
    _announce_admission(by, incubation)
    return incubation


@transaction.atomic
def admit_resident(by, incubation, months, when=None, reason=""):
    """A resident-track organization enters without evaluations, for an agreement period."""
    incubation = move(by, incubation, "admit_resident", when, reason, months=months)
    _announce_admission(by, incubation)
    return incubation


# Another app follows an admission by offering a callable at this extension point of its contribution
# (incubator.protocol): follow(organization, by, when). It runs inside the admission's transaction, so its work
# commits or rolls back with the admission (入驻一家, 覆盖一家).
ORGANIZATION_ADMITTED = "orgs.organization_admitted"


def _announce_admission(by, incubation):
    for follow in protocol.hooks(ORGANIZATION_ADMITTED):
        follow(organization=incubation.organization, by=by, when=incubation.admitted_on)


def assign_responsible_staff(by, incubation, staff):
    """Name the staff member who follows the organization (None: every park staff member is reminded)."""
    permissions.require_staff(by)
    if staff is not None and not staff.is_park_staff:
        raise ValidationError({"staff": _("Choose a park staff member.")})
    if incubation.responsible_staff_id == (staff.pk if staff else None):
        return incubation  # unchanged: no history entry
    incubation.responsible_staff = staff
    incubation.save(update_fields=["responsible_staff"])
    return incubation
