"""Every change a user makes to the registry, as one function each."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator import scoring
from incubator.models import User
from incubator.roles import Role
from incubator.services import interpolate, notify

from . import permissions
from .models import (
    Application,
    Assignment,
    Evaluation,
    EvaluationKind,
    Incubation,
    Membership,
    Organization,
    Score,
    SpaceAllocation,
    Stage,
    StageLog,
)
from .models.incubation import STAGE_DAYS
from .selectors import conflicted_organization_ids
from .signals import organization_admitted


@transaction.atomic
def register_applicant(*, username, password, full_name, phone, email, organization, position=""):
    """Self-registration: a new applicant account for a new organization, waiting for staff to confirm."""
    organization.full_clean()
    organization.save()
    user = User.objects.create_user(username=username, password=password, full_name=full_name, phone=phone, email=email)
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    membership = Membership.objects.create(user=user, organization=organization, position=position)
    staff = User.objects.filter(groups__name=Role.PARK_STAFF, is_active=True)
    notify(
        staff,
        "membership_requested",
        interpolate(_("New applicant account waiting for confirmation: %(org)s"), {"org": organization.name}),
        url=reverse("admin:orgs_membership_changelist") + "?confirmed_at__isnull=True",
    )
    return membership


@transaction.atomic
def confirm_membership(by, membership):
    if not by.is_park_staff:
        raise PermissionDenied
    if membership.is_confirmed:
        return membership
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = by
    membership.save(update_fields=["confirmed_at", "confirmed_by"])
    notify(
        [membership.user],
        "membership_confirmed",
        interpolate(_("Your account for %(org)s is confirmed"), {"org": membership.organization.name}),
        _("You can now apply to the park and file proposals for your organization."),
        url=reverse("workspace"),
    )
    return membership


# -- who hears about it --------------------------------------------------------------------------------------
def contacts_of(organization):
    """The organization's confirmed applicant accounts."""
    return [m.user for m in organization.memberships.all() if m.is_confirmed]


def _park_staff():
    return list(User.objects.filter(groups__name=Role.PARK_STAFF, is_active=True))


def _staff_for(incubation):
    return [incubation.responsible_staff] if incubation.responsible_staff_id else _park_staff()


# -- the online application ----------------------------------------------------------------------------------
@transaction.atomic
def save_application(by, application, submit=False):
    """Save the applicant's form as a draft, or submit it: then the incubation starts at 项目申请."""
    permissions.require_member(by, application.organization)
    if application.pk and Application.objects.filter(pk=application.pk, status=Application.Status.SUBMITTED).exists():
        raise ValidationError(_("This application is already submitted; ask park staff to change it."))
    application.created_by = application.created_by or by
    application.updated_at = timezone.now()
    organization = application.organization
    if submit:
        if Incubation.objects.filter(organization=organization).exists():
            raise ValidationError(_("Your organization already has an incubation record; ask park staff."))
        application.status = Application.Status.SUBMITTED
        application.submitted_at = timezone.now()
    application.save()
    if submit:
        if organization.track != application.track:
            organization.track = application.track
            organization.save(update_fields=["track"])
        today = timezone.localdate()
        incubation = Incubation(organization=organization, applied_on=today)
        incubation._enter(today, STAGE_DAYS[Stage.APPLICATION])
        incubation.save()
        _log(incubation, by, "", "apply", today, "")
        notify(
            _park_staff(),
            "orgs_application_submitted",
            interpolate(_("New application to the park: %(org)s"), {"org": organization.name}),
            application.project_title,
            url=reverse("orgs:organization", args=[organization.pk]),
        )
    return application


@transaction.atomic
def upload_document(by, organization, kind, upload):
    """An applicant adds a document to its own organization, or staff to any (the upload is already checked)."""
    if not by.is_park_staff:
        permissions.require_member(by, organization)
    document = organization.documents.model(organization=organization, kind=kind)
    document.attach(upload, by)
    document.save()
    return document


@transaction.atomic
def update_profile(by, organization):
    """An applicant updates its own organization's contact and service details (the form limits the fields)."""
    if not by.is_park_staff:
        permissions.require_member(by, organization)
    organization.full_clean()
    organization.save()
    return organization


# -- moving through the stages -------------------------------------------------------------------------------
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


def _log(incubation, by, from_stage, action, when, reason):
    return StageLog.objects.create(
        incubation=incubation,
        from_stage=from_stage,
        to_stage=incubation.stage,
        action=action,
        on=when,
        by=by,
        reason=reason,
    )


@transaction.atomic
def _move(by, incubation, action, when=None, reason="", **kwargs):
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
    _log(incubation, by, from_stage, action, when, reason)
    organization = incubation.organization
    notify(
        contacts_of(organization),
        f"orgs_stage_{action}",
        interpolate(_("%(org)s: %(step)s"), {"org": organization.name, "step": action_label(action)}),
        reason,
        url=reverse("orgs:my_organization"),
    )
    return incubation


def start_inspection(by, incubation, when=None, reason=""):
    return _move(by, incubation, "start_inspection", when, reason)


def complete(by, incubation, when=None, reason=""):
    return _move(by, incubation, "complete", when, reason)


def decline(by, incubation, reason, when=None):
    return _move(by, incubation, "decline", when, reason)


def withdraw(by, incubation, reason, when=None):
    return _move(by, incubation, "withdraw", when, reason)


def terminate(by, incubation, reason, when=None):
    return _move(by, incubation, "terminate", when, reason)


@transaction.atomic
def admit(by, incubation, when=None, reason=""):
    """Admission into the shell (入壳). Other apps' receivers run in this transaction (入驻一家, 覆盖一家)."""
    incubation = _move(by, incubation, "admit", when, reason)
    _announce_admission(by, incubation)
    return incubation


@transaction.atomic
def admit_resident(by, incubation, months, when=None, reason=""):
    """A resident-track organization enters without evaluations, for an agreement period."""
    incubation = _move(by, incubation, "admit_resident", when, reason, months=months)
    _announce_admission(by, incubation)
    return incubation


def _announce_admission(by, incubation):
    organization_admitted.send(
        sender=Organization, organization=incubation.organization, by=by, when=incubation.admitted_on
    )


# -- stage evaluations ---------------------------------------------------------------------------------------
EVALUATION_STEP = {
    EvaluationKind.ADMISSION: "start_admission_evaluation",
    EvaluationKind.GROWTH: "start_growth_evaluation",
}


@transaction.atomic
def open_evaluation(by, incubation, kind, rubric, experts, due_on, when=None):
    """Move into an evaluation stage and set its panel."""
    if rubric.total_weight != 100:
        raise ValidationError({"rubric": _("The rubric's weights must add up to 100.")})
    incubation = _move(by, incubation, EVALUATION_STEP[kind], when)
    evaluation = Evaluation.objects.create(
        organization=incubation.organization, kind=kind, rubric=rubric, due_on=due_on, created_by=by
    )
    for expert in experts:
        assign_expert(by, evaluation, expert)
    return evaluation


@transaction.atomic
def assign_expert(by, evaluation, expert, method=Assignment.Method.CHOSEN):
    permissions.require_staff(by)
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("Experts can only be added while the evaluation is open."))
    if not expert.is_expert:
        raise ValidationError({"expert": _("%(name)s is not an expert reviewer.") % {"name": expert}})
    if evaluation.organization_id in conflicted_organization_ids(expert):
        raise ValidationError({"expert": _("%(name)s must recuse from this organization (回避).") % {"name": expert}})
    if evaluation.assignments.filter(expert=expert).exists():
        raise ValidationError({"expert": _("%(name)s is already on this panel.") % {"name": expert}})
    assignment = Assignment.objects.create(evaluation=evaluation, expert=expert, method=method, assigned_by=by)
    notify(
        [expert],
        "orgs_evaluation_assigned",
        interpolate(
            _("Please score the %(kind)s of %(org)s by %(due)s"),
            {"kind": evaluation.get_kind_display(), "org": evaluation.organization.name, "due": evaluation.due_on},
        ),
        url=reverse("orgs:expert_assignment", args=[assignment.pk]),
    )
    return assignment


@transaction.atomic
def declare_conflict(by, assignment, note):
    """The expert recuses: the assignment leaves the panel and staff are asked to replace it."""
    permissions.require_assigned_expert(by, assignment)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say briefly what ties you to the organization.")})
    assignment.conflict_declared_at = timezone.now()
    assignment.conflict_note = note.strip()
    assignment.save(update_fields=["conflict_declared_at", "conflict_note"])
    evaluation = assignment.evaluation
    notify(
        _park_staff(),
        "orgs_conflict_declared",
        interpolate(
            _("An expert declared a conflict on the %(kind)s of %(org)s: please replace them"),
            {"kind": evaluation.get_kind_display(), "org": evaluation.organization.name},
        ),
        url=reverse("orgs:evaluation", args=[evaluation.pk]),
    )
    return assignment


@transaction.atomic
def replace_expert(by, assignment, new_expert):
    permissions.require_staff(by)
    if assignment.replaced_at is None:
        assignment.replaced_at = timezone.now()
        assignment.save(update_fields=["replaced_at"])
    return assign_expert(by, assignment.evaluation, new_expert)


@transaction.atomic
def submit_scores(by, assignment, scores, comment=""):
    """An expert's scores: {criterion id: value}. Resubmitting replaces them until the evaluation closes."""
    permissions.require_assigned_expert(by, assignment)
    evaluation = Evaluation.objects.select_for_update().get(pk=assignment.evaluation_id)
    if evaluation.status != Evaluation.Status.OPEN:
        raise ValidationError(_("Scoring of this evaluation is closed."))
    criteria = list(evaluation.rubric.criteria.all())
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors[f"criterion_{criterion.pk}"] = _("Give a score.")
        elif not 0 <= value <= criterion.max_score:
            errors[f"criterion_{criterion.pk}"] = _("Between 0 and %(max)s.") % {"max": criterion.max_score}
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        Score.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"value": scores[criterion.pk]}
        )
    assignment.total = scoring.weighted_total(scores, criteria)
    assignment.comment = comment
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["total", "comment", "submitted_at"])
    return assignment


def panel_of(evaluation):
    """The panel result of an evaluation's active, submitted assignments (incubator.scoring)."""
    totals = [a.total for a in evaluation.assignments.all() if a.is_active and a.submitted_at]
    return scoring.panel_result(totals)


@transaction.atomic
def close_evaluation(by, evaluation):
    permissions.require_staff(by)
    evaluation = Evaluation.objects.select_for_update().select_related("rubric").get(pk=evaluation.pk)
    result = panel_of(evaluation)
    if result.count == 0:
        raise ValidationError(_("No expert has submitted scores yet."))
    evaluation.close(result.result)
    evaluation.save()
    return evaluation


@transaction.atomic
def decide_evaluation(by, evaluation, decision, note="", months=None, when=None):
    """Staff decide with the panel result in front of them; the incubation moves accordingly.

    Admission: passed → admitted, failed → declined (told why). Growth: passed → exit; failed → more time
    (extended, with months) or terminated."""
    permissions.require_staff(by)
    evaluation = Evaluation.objects.select_for_update().select_related("organization").get(pk=evaluation.pk)
    note = (note or "").strip()
    Decision = Evaluation.Decision
    if decision != Decision.PASSED and not note:
        raise ValidationError({"note": _("Give the reasons; the organization is told why.")})
    if decision == Decision.EXTENDED and (evaluation.kind != EvaluationKind.GROWTH or not months):
        raise ValidationError({"months": _("Give the number of extra months.")})
    evaluation.decide(by, decision, note)
    evaluation.save()
    incubation = evaluation.organization.incubation
    if evaluation.kind == EvaluationKind.ADMISSION:
        if decision == Decision.PASSED:
            admit(by, incubation, when, note)
        else:
            decline(by, incubation, note, when)
    elif decision == Decision.PASSED:
        _move(by, incubation, "exit_shell", when, note)
    elif decision == Decision.EXTENDED:
        _move(by, incubation, "extend", when, note, months=months)
    else:
        terminate(by, incubation, note, when)
    return evaluation


# -- spaces, services, bids ----------------------------------------------------------------------------------
@transaction.atomic
def allocate_space(by, space, organization, when=None, note=""):
    permissions.require_staff(by)
    if SpaceAllocation.objects.select_for_update().filter(space=space, released_on__isnull=True).exists():
        raise ValidationError({"space": _("This space is already held by another organization.")})
    return SpaceAllocation.objects.create(
        space=space, organization=organization, allocated_on=when or timezone.localdate(), allocated_by=by, note=note
    )


@transaction.atomic
def release_space(by, allocation, when=None):
    permissions.require_staff(by)
    if allocation.released_on is None:
        allocation.released_on = when or timezone.localdate()
        allocation.released_by = by
        allocation.save(update_fields=["released_on", "released_by"])
    return allocation


@transaction.atomic
def record_service(by, entry):
    """A service entry (type, date, staff, hours, notes) on an organization."""
    permissions.require_staff(by)
    entry.staff = entry.staff or by
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def record_bid(by, bid):
    permissions.require_staff(by)
    bid.recorded_by = by
    bid.full_clean()
    bid.save()
    return bid
