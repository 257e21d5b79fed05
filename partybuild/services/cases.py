"""Opening a party incubation case on admission, its instructor, its five stages and its members."""

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed, can_proceed

from incubator.services import interpolate, notify
from orgs.models import Organization

from .. import selectors
from ..models import Formation, MemberStatus, PartyCase, Stage, StageLog
from ..models.cases import unmet_rules
from ..models.structure import BRANCH_MAX_MEMBERS, COMMITTEE_FROM_MEMBERS, OWN_BRANCH_MIN_FULL_MEMBERS
from ..permissions import can_see_members, can_work_on, is_party_staff
from .common import case_url, local_date, party_staff, touch

# Opening cases and instructors -------------------------------------------------------------------------


def open_case(by, organization, when=None, reason=""):
    """Open the organization's party incubation case at 入壳考察 and assign the instructor with the lightest
    caseload at its site (none available: left unassigned, the 3-day reminder catches it)."""
    with transaction.atomic():
        if PartyCase.objects.filter(organization=organization).exists():
            raise ValidationError(_("This organization already has a party incubation case."))
        opened_on = local_date(when)
        instructor = selectors.lightest_instructor(organization.site)
        case = PartyCase.objects.create(
            organization=organization,
            instructor=instructor,
            opened_on=opened_on,
            last_activity_on=opened_on,
            opened_by=by,
        )
        # No recount here: until members are recorded, the registry keeps the count declared at intake.
        StageLog.objects.create(case=case, source="", target=Stage.INSPECTION, by=by, reason=reason)
        notify(
            [instructor, *party_staff()],
            "party_case_opened",
            interpolate(_("Party incubation opened: %(org)s"), {"org": organization.name}),
            _("Inspect the organization on entry and count its party members (入驻一家, 覆盖一家)."),
            url=case_url(case),
        )
        return case


def on_organization_admitted(organization, by=None, when=None):
    """Follows an admission (orgs' extension point "orgs.organization_admitted"): runs inside the admission's
    transaction, so the case commits or rolls back with the admission. A re-admitted organization keeps its case."""
    if PartyCase.objects.filter(organization=organization).exists():
        return
    open_case(by, organization, when, reason=str(_("Opened on admission to the park.")))


@transaction.atomic
def open_cases_by_hand(by, organizations, reason=""):
    """For organizations admitted before the portal opened cases on admission; skips those that have one."""
    if not is_party_staff(by):
        raise PermissionDenied
    reason = reason or str(_("Opened by hand."))
    pending = [o for o in organizations if not PartyCase.objects.filter(organization=o).exists()]
    return [open_case(by, organization, reason=reason) for organization in pending]


@transaction.atomic
def assign_instructor(by, case, instructor, dual_duty=True, pairing_unit=None):
    if not is_party_staff(by):
        raise PermissionDenied
    if instructor is not None and not instructor.is_instructor:
        raise ValidationError({"instructor": _("This user is not a party-building instructor.")})
    case.instructor = instructor
    case.dual_duty = dual_duty
    fields = ["instructor", "dual_duty"]
    if pairing_unit is not None:
        case.pairing_unit = pairing_unit
        fields.append("pairing_unit")
    case.save(update_fields=fields)
    touch(case)
    if instructor is not None:
        notify(
            [instructor],
            "party_instructor_assigned",
            interpolate(_("You guide the party incubation of %(org)s"), {"org": case.organization.name}),
            url=case_url(case),
        )
    return case


# Stages ----------------------------------------------------------------------------------------------


@transaction.atomic
def advance(by, case, step, note):
    """Take the case's stage step `step` (the name of its transition) with the note the stage log keeps. Refused,
    with every reason at once: a step the stage does not offer, an entry rule not met, no note."""
    if not can_work_on(by, case):
        raise PermissionDenied
    case = PartyCase.objects.select_for_update().get(pk=case.pk)
    transition = getattr(case, step) if step in PartyCase.steps() else None
    if transition is None or not can_proceed(transition, check_conditions=False):
        raise ValidationError(_("This step is not possible at the current stage."))
    errors = {}
    if unmet := case.unmet_rules(step):
        errors[NON_FIELD_ERRORS] = unmet
    if not note.strip():
        errors["note"] = [_("Write what was done and why: the note is kept in the stage log.")]
    if errors:
        raise ValidationError(errors)
    source = case.stage
    try:
        transition()
    except TransitionNotAllowed as error:  # the stage moved under us between the checks and the step
        raise ValidationError(_("This step is not possible at the current stage.")) from error
    if source == Stage.INSPECTION:
        case.inspection_notes = note.strip()
    case.last_activity_on = timezone.localdate()
    case.save()
    StageLog.objects.create(case=case, source=source, target=case.stage, by=by, reason=note.strip())
    return case


# Members ---------------------------------------------------------------------------------------------


def recount(case):
    """Refresh the case's counts from its member records and keep the registry's count in step.

    Organization.party_member_count is the number the registry shows; it is written with a plain
    queryset update because the count (never a name) is all orgs keeps of party data."""
    counts = case.members.aggregate(
        full=Count("id", filter=Q(status=MemberStatus.FULL)),
        probationary=Count("id", filter=Q(status=MemberStatus.PROBATIONARY)),
        developing=Count("id", filter=Q(status__in=MemberStatus.developing())),
    )
    PartyCase.objects.filter(pk=case.pk).update(
        full_members=counts["full"], probationary_members=counts["probationary"], applicants=counts["developing"]
    )
    case.full_members, case.probationary_members, case.applicants = (
        counts["full"],
        counts["probationary"],
        counts["developing"],
    )
    Organization.objects.filter(pk=case.organization_id).update(
        party_member_count=counts["full"] + counts["probationary"]
    )
    return case


@transaction.atomic
def save_member(by, case, member, transfer_status=None):
    """Add or change a member record (a form's unsaved instance), moving the transfer of the party relationship
    to `transfer_status` by its transition."""
    if not can_see_members(by, case):
        raise PermissionDenied
    member.case = case
    if transfer_status is not None and transfer_status != member.transfer_status:
        step = member.transfer_step(transfer_status)
        if step is None:
            raise ValidationError({"transfer_status": _("The transfer cannot go from its current status to this one.")})
        if unmet := unmet_rules(member, step):
            raise ValidationError({"transfer_status": unmet})
        getattr(member, step)()
    member.set_transfer_due()
    member.full_clean(
        exclude=["transfer_status"]
    )  # cleaning would assign the protected field; its transitions keep it valid
    member.save()
    recount(case)
    touch(case)
    return member


@transaction.atomic
def remove_member(by, member):
    case = member.case
    if not can_see_members(by, case):
        raise PermissionDenied
    member.delete()
    recount(case)
    touch(case)


@dataclass
class Proposal:
    formation: str
    warnings: list = field(default_factory=list)

    @property
    def label(self):
        return Formation(self.formation).label


def proposed_formation(case):
    """The form the park's rules propose for this organization, with the branch-size warnings."""
    if case.full_members >= OWN_BRANCH_MIN_FULL_MEMBERS:
        proposal = Proposal(Formation.OWN_BRANCH)
    elif case.party_members:
        proposal = Proposal(Formation.JOIN_JOINT_BRANCH)
    else:
        proposal = Proposal(Formation.DEVELOP)
    if case.party_members >= COMMITTEE_FROM_MEMBERS:
        proposal.warnings.append(
            _("7 or more members: the branch elects a committee of 3 to 5 (支部委员会) instead of a secretary only.")
        )
    if case.party_members > BRANCH_MAX_MEMBERS:
        proposal.warnings.append(_("More than 50 members: a general party branch (党总支) should be formed."))
    return proposal
