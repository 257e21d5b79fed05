"""Every change to party records, one function each, taking the acting user first."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator.models import User
from incubator.roles import Role
from incubator.services import interpolate, notify
from orgs.models import Organization

from . import selectors
from .models import (
    Formation,
    JointMeeting,
    MemberAccess,
    MemberStatus,
    PartyCase,
    PartyOrganization,
    RatingScore,
    Stage,
    StageLog,
    StarRating,
    Support,
)
from .models.structure import (
    BRANCH_MAX_MEMBERS,
    COMMITTEE_FROM_MEMBERS,
    JOINT_BRANCH_MAX_UNITS,
    OWN_BRANCH_MIN_FULL_MEMBERS,
)
from .permissions import can_see_members, can_work_on, is_party_staff

# The transitions a user may ask for, by name, with the label of their button.
ADVANCES = {
    "finish_inspection": _("Inspection done: find party members"),
    "start_support": _("Members counted: start support"),
    "start_formation": _("Support given: development and formation"),
    "start_follow_up": _("Party organization formed: follow-up services"),
}


def _party_staff():
    return User.objects.filter(groups__name=Role.PARTY_STAFF, is_active=True)


def _case_url(case):
    return reverse("partybuild:case", args=[case.organization_id])


def _local_date(when):
    if when is None:
        return timezone.localdate()
    if isinstance(when, datetime):
        return timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return when


def _touch(cases, on=None):
    """Record activity on a case (or a queryset of cases) on the day it happened; never move it back."""
    qs = cases if hasattr(cases, "update") else PartyCase.objects.filter(pk=cases.pk)
    on = min(on or timezone.localdate(), timezone.localdate())
    qs.update(last_activity_on=Greatest(F("last_activity_on"), Value(on)))


# Opening cases and instructors -------------------------------------------------------------------------


def open_case(by, organization, when=None, reason=""):
    """Open the organization's party incubation case at 入壳考察 and assign the instructor with the lightest
    caseload at its site (none available: left unassigned, the 3-day reminder catches it)."""
    with transaction.atomic():
        if PartyCase.objects.filter(organization=organization).exists():
            raise ValidationError(_("This organization already has a party incubation case."))
        opened_on = _local_date(when)
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
            [instructor, *_party_staff()],
            "party_case_opened",
            interpolate(_("Party incubation opened: %(org)s"), {"org": organization.name}),
            _("Inspect the organization on entry and count its party members (入驻一家, 覆盖一家)."),
            url=_case_url(case),
        )
        return case


def on_organization_admitted(sender, organization, by=None, when=None, **kwargs):
    """Receiver of orgs.signals.organization_admitted: runs inside the admission's transaction, so the case
    commits or rolls back with the admission. A re-admitted organization keeps its case."""
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
    _touch(case)
    if instructor is not None:
        notify(
            [instructor],
            "party_instructor_assigned",
            interpolate(_("You guide the party incubation of %(org)s"), {"org": case.organization.name}),
            url=_case_url(case),
        )
    return case


# Stages ----------------------------------------------------------------------------------------------


def available_advances(case):
    return [
        (name, label) for name, label in ADVANCES.items() if can_proceed(getattr(case, name), check_conditions=False)
    ]


@transaction.atomic
def advance(by, case, name, reason=""):
    if not can_work_on(by, case):
        raise PermissionDenied
    case = PartyCase.objects.select_for_update().get(pk=case.pk)
    if name not in ADVANCES or not can_proceed(getattr(case, name), check_conditions=False):
        raise ValidationError(_("This step is not possible at the current stage."))
    if not can_proceed(getattr(case, name)):
        if name == "start_formation":
            raise ValidationError(_("Record at least one support given before development and formation."))
        raise ValidationError(_("The organization must belong to a party organization before follow-up services."))
    source = case.stage
    getattr(case, name)()
    if name == "finish_inspection" and reason:
        case.inspection_notes = reason
    case.last_activity_on = timezone.localdate()
    case.save()
    StageLog.objects.create(case=case, source=source, target=case.stage, by=by, reason=reason)
    return case


# Members ---------------------------------------------------------------------------------------------


def recount(case):
    """Refresh the case's counts from its member records and keep the registry's count in step.

    Organization.party_member_count is the number the registry shows; it is written with a plain
    queryset update because the count (never a name) is all orgs keeps of party data."""
    counts = case.members.aggregate(
        full=Count("id", filter=Q(status=MemberStatus.FULL)),
        probationary=Count("id", filter=Q(status=MemberStatus.PROBATIONARY)),
        developing=Count("id", filter=Q(status__in=[MemberStatus.ACTIVIST, MemberStatus.APPLICANT])),
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
def save_member(by, case, member):
    """Add or change a member record (a form's unsaved instance)."""
    if not can_see_members(by, case):
        raise PermissionDenied
    member.case = case
    member.set_transfer_due()
    member.full_clean()
    member.save()
    recount(case)
    _touch(case)
    return member


@transaction.atomic
def remove_member(by, member):
    case = member.case
    if not can_see_members(by, case):
        raise PermissionDenied
    member.delete()
    recount(case)
    _touch(case)


def log_member_access(user, organization, action=MemberAccess.Action.VIEW):
    return MemberAccess.objects.create(user=user, organization=organization, action=action)


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


# Party organizations ---------------------------------------------------------------------------------


@transaction.atomic
def form_party_organization(
    by,
    *,
    kind,
    name,
    parent,
    organizations=(),
    site=None,
    secretary="",
    formed_on=None,
    formation_mode="standalone",
    meeting_interval_months=3,
):
    """Form a party branch or joint branch. An own branch needs its one organization's 3 full members."""
    if not is_party_staff(by):
        raise PermissionDenied
    organizations = list(organizations)
    if kind == PartyOrganization.Kind.BRANCH:
        if len(organizations) != 1:
            raise ValidationError({"organizations": _("An own party branch belongs to exactly one organization.")})
        case = PartyCase.objects.filter(organization=organizations[0]).first()
        full = case.full_members if case else 0
        if full < OWN_BRANCH_MIN_FULL_MEMBERS:
            raise ValidationError(
                {
                    "organizations": interpolate(
                        _(
                            "An own party branch needs at least 3 full members; %(org)s has %(n)s. "
                            "Probationary members do not count: join a joint branch instead."
                        ),
                        {"org": organizations[0].name, "n": full},
                    )
                }
            )
    party_organization = PartyOrganization(
        kind=kind,
        name=name,
        parent=parent,
        site=site,
        secretary=secretary,
        formed_on=formed_on or timezone.localdate(),
        formation_mode=formation_mode,
        meeting_interval_months=meeting_interval_months,
    )
    party_organization.schedule_next_meeting(party_organization.formed_on)
    party_organization.full_clean()
    party_organization.save()
    party_organization.organizations.set(organizations)
    _touch(PartyCase.objects.filter(organization__in=organizations), party_organization.formed_on)
    return party_organization


def joint_branch_warnings(party_organization):
    units = party_organization.organizations.count()
    if party_organization.kind == PartyOrganization.Kind.JOINT_BRANCH and units > JOINT_BRANCH_MAX_UNITS:
        return [interpolate(_("This joint branch joins %(n)s organizations; generally no more than 5."), {"n": units})]
    return []


@transaction.atomic
def join_party_organization(by, party_organization, organization):
    """An organization with 1–2 members (or without 3 full ones) joins a joint branch."""
    if not is_party_staff(by):
        raise PermissionDenied
    if party_organization.kind != PartyOrganization.Kind.JOINT_BRANCH:
        raise ValidationError(_("Organizations join a joint party branch; an own branch has one organization."))
    party_organization.organizations.add(organization)
    _touch(PartyCase.objects.filter(organization=organization))
    warnings = joint_branch_warnings(party_organization)
    case = PartyCase.objects.filter(organization=organization).first()
    if case is not None and case.full_members >= OWN_BRANCH_MIN_FULL_MEMBERS:
        warnings.append(
            interpolate(
                _("%(org)s has 3 or more full members: the rules propose its own party branch."),
                {"org": organization.name},
            )
        )
    return warnings


# Supports, meetings, ratings -------------------------------------------------------------------------


@transaction.atomic
def record_support(by, support):
    """Record a support (a form's unsaved instance) for an organization or a party organization."""
    case = PartyCase.objects.filter(organization_id=support.organization_id).first()
    if not (is_party_staff(by) or case is not None and can_work_on(by, case)):
        raise PermissionDenied
    if support.kind == Support.Kind.FUNDS and support.amount is None:
        raise ValidationError({"amount": _("Give the amount of party funds.")})
    support.recorded_by = by
    support.full_clean()
    support.save()
    if case is not None:
        _touch(case, support.given_on)
    return support


@transaction.atomic
def record_meeting(by, meeting, attending=()):
    if not is_party_staff(by):
        raise PermissionDenied
    meeting.recorded_by = by
    meeting.full_clean()
    meeting.save()
    meeting.attending_organizations.set(attending)
    party_organization = PartyOrganization.objects.select_for_update().get(pk=meeting.party_organization_id)
    latest = JointMeeting.objects.filter(party_organization=party_organization).order_by("-held_on").first()
    party_organization.schedule_next_meeting(latest.held_on)
    party_organization.save(update_fields=["next_meeting_due"])
    _touch(PartyCase.objects.filter(organization__in=list(attending)), meeting.held_on)
    return meeting


@transaction.atomic
def rate(by, party_organization, year, scheme, points_by_indicator, innovation=False):
    """Score a party organization for a year against a scheme: a draft until announced."""
    if not is_party_staff(by):
        raise PermissionDenied
    indicators = list(scheme.indicators.all())
    errors = {}
    for indicator in indicators:
        value = points_by_indicator.get(indicator.pk)
        if value is None or value < 0 or value > indicator.max_points:
            errors[f"indicator_{indicator.pk}"] = interpolate(
                _("Give 0 to %(max)s points."), {"max": indicator.max_points}
            )
    if errors:
        raise ValidationError(errors)
    if StarRating.objects.filter(party_organization=party_organization, year=year).exists():
        raise ValidationError(_("This party organization is already rated for that year."))
    total = sum((points_by_indicator[i.pk] for i in indicators), Decimal(0))
    rating = StarRating.objects.create(
        party_organization=party_organization,
        year=year,
        scheme=scheme,
        innovation=innovation,
        points=total,
        stars=scheme.stars_for(total, innovation),
        rated_by=by,
    )
    RatingScore.objects.bulk_create(
        RatingScore(rating=rating, indicator=i, points=points_by_indicator[i.pk]) for i in indicators
    )
    return rating


@transaction.atomic
def announce_rating(by, rating):
    if not is_party_staff(by):
        raise PermissionDenied
    rating = StarRating.objects.select_for_update().select_related("scheme").get(pk=rating.pk)
    if not can_proceed(rating.announce):
        raise ValidationError(_("Only a draft rating can be announced."))
    rating.announce(until=timezone.localdate() + timezone.timedelta(days=rating.scheme.publicity_days))
    rating.save()
    return rating


@transaction.atomic
def finalize_rating(by, rating):
    if not is_party_staff(by):
        raise PermissionDenied
    rating = StarRating.objects.select_for_update().get(pk=rating.pk)
    if not can_proceed(rating.finalize):
        raise ValidationError(_("A rating becomes final only after its public announcement has ended."))
    rating.finalize()
    rating.save()
    return rating


# Training, the two-way flow and honours (third and fourth synchronisations) ---------------------------


@transaction.atomic
def record_training(by, training):
    case = PartyCase.objects.filter(organization_id=training.organization_id).first()
    if not (is_party_staff(by) or case is not None and can_work_on(by, case)):
        raise PermissionDenied
    training.full_clean()
    training.save()
    if case is not None:
        _touch(case, training.held_on)
    return training


@transaction.atomic
def record_flow(by, flow):
    """A member trained to lead the organization, or a backbone developed into a member (双向流动)."""
    case = flow.member.case
    if not can_see_members(by, case):
        raise PermissionDenied
    flow.full_clean()
    flow.save()
    _touch(case, flow.on)
    return flow


@transaction.atomic
def award_honour(by, honour):
    """Model selection (示范评选) and commendations of party organizations, members and collectives."""
    if not is_party_staff(by):
        raise PermissionDenied
    honour.full_clean()
    honour.save()
    return honour
