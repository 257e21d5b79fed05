"""Forming party organizations and joining organizations to joint branches."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubator.services import interpolate

from ..models import PartyCase, PartyOrganization
from ..models.structure import JOINT_BRANCH_MAX_UNITS, OWN_BRANCH_MIN_FULL_MEMBERS
from ..permissions import is_party_staff
from .common import touch

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
    touch(PartyCase.objects.filter(organization__in=organizations), party_organization.formed_on)
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
    touch(PartyCase.objects.filter(organization=organization))
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
