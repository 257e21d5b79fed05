"""The park's rules by member count, the branch-size rules, the five stages and membership transfers."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from orgs.models import Organization
from partybuild import services
from partybuild.models import Band, Formation, PartyCase, PartyOrganization, TransferStatus
from tests.factories import PartyStaffFactory, StaffFactory
from tests.partybuild.factories import (
    PartyCaseFactory,
    PartyMemberFactory,
    PartyOrganizationFactory,
    members,
)

pytestmark = pytest.mark.django_db


def test_counts_follow_the_member_records_and_the_registry_count_keeps_in_step():
    case = PartyCaseFactory()
    members(case, full=2, probationary=1, activists=2)
    case = PartyCase.objects.get(pk=case.pk)
    assert (case.full_members, case.probationary_members, case.applicants) == (2, 1, 2)
    assert Organization.objects.get(pk=case.organization_id).party_member_count == 3


@pytest.mark.parametrize(
    ("full", "probationary", "band", "formation"),
    [
        (0, 0, Band.NONE, Formation.DEVELOP),
        (1, 0, Band.FEW, Formation.JOIN_JOINT_BRANCH),
        (0, 2, Band.FEW, Formation.JOIN_JOINT_BRANCH),
        (2, 0, Band.FEW, Formation.JOIN_JOINT_BRANCH),
        # Probationary members do not count towards the three: still a joint branch.
        (2, 3, Band.FEW, Formation.JOIN_JOINT_BRANCH),
        (3, 0, Band.THREE_FULL, Formation.OWN_BRANCH),
    ],
)
def test_the_system_proposes_the_form_by_full_members(full, probationary, band, formation):
    case = members(PartyCaseFactory(), full=full, probationary=probationary)
    assert case.band == band
    assert services.proposed_formation(case).formation == formation


def test_warnings_at_seven_members_and_past_fifty():
    case = PartyCaseFactory()
    case.full_members, case.probationary_members = 6, 0
    assert services.proposed_formation(case).warnings == []
    case.full_members = 7
    assert len(services.proposed_formation(case).warnings) == 1
    case.full_members = 51
    assert len(services.proposed_formation(case).warnings) == 2


def _form(by, organizations, kind=PartyOrganization.Kind.BRANCH):
    committee = PartyOrganizationFactory(kind=PartyOrganization.Kind.COMMITTEE, parent=None)
    return services.form_party_organization(
        by, kind=kind, name=f"{organizations[0].name}党支部", parent=committee, organizations=organizations
    )


def test_an_own_branch_is_refused_with_fewer_than_three_full_members():
    party_staff = PartyStaffFactory()
    case = members(PartyCaseFactory(), full=2, probationary=4)
    with pytest.raises(ValidationError) as error:
        _form(party_staff, [case.organization])
    assert "organizations" in error.value.message_dict
    assert not PartyOrganization.objects.filter(kind=PartyOrganization.Kind.BRANCH).exists()


def test_an_own_branch_with_three_full_members_is_formed_and_scheduled_for_meetings():
    case = members(PartyCaseFactory(), full=3)
    branch = _form(PartyStaffFactory(), [case.organization])
    assert list(branch.organizations.all()) == [case.organization]
    assert branch.next_meeting_due == branch.formed_on + relativedelta(months=3)


def test_an_own_branch_belongs_to_one_organization():
    a, b = members(PartyCaseFactory(), full=3), members(PartyCaseFactory(), full=3)
    with pytest.raises(ValidationError):
        _form(PartyStaffFactory(), [a.organization, b.organization])


def test_only_party_staff_form_party_organizations():
    case = members(PartyCaseFactory(), full=3)
    with pytest.raises(PermissionDenied):
        _form(StaffFactory(), [case.organization])


def test_joining_a_joint_branch_warns_past_five_units_and_own_branches_take_no_one():
    party_staff = PartyStaffFactory()
    joint = PartyOrganizationFactory(organizations=[PartyCaseFactory().organization for _ in range(5)])
    assert services.joint_branch_warnings(joint) == []
    warnings = services.join_party_organization(party_staff, joint, PartyCaseFactory().organization)
    assert len(warnings) == 1
    big = members(PartyCaseFactory(), full=3)
    assert len(services.join_party_organization(party_staff, joint, big.organization)) == 2
    own = PartyOrganizationFactory(kind=PartyOrganization.Kind.BRANCH)
    with pytest.raises(ValidationError):
        services.join_party_organization(party_staff, own, PartyCaseFactory().organization)


@pytest.mark.parametrize(("across", "due"), [(False, date(2026, 6, 10)), (True, date(2026, 9, 10))])
def test_a_transfer_is_due_in_three_months_or_six_across_provinces(across, due):
    party_staff = PartyStaffFactory()
    case = PartyCaseFactory()
    member = PartyMemberFactory.build(transfer_started_on=date(2026, 3, 10), across_provinces=across)
    member = services.save_member(party_staff, case, member, TransferStatus.PENDING)
    assert member.transfer_due == due
    assert services.save_member(party_staff, case, member, TransferStatus.DONE).transfer_due is None


def test_the_transfer_moves_by_its_transitions_only():
    party_staff = PartyStaffFactory()
    member = PartyMemberFactory()
    with pytest.raises(AttributeError):
        member.transfer_status = TransferStatus.DONE
    with pytest.raises(ValidationError) as error:  # no letter of transfer issued yet
        services.save_member(party_staff, member.case, member, TransferStatus.PENDING)
    assert "transfer_status" in error.value.message_dict
    member.transfer_started_on = date(2026, 3, 10)
    services.save_member(party_staff, member.case, member, TransferStatus.PENDING)
    assert [h.transfer_status for h in member.history.order_by("history_id")][-1] == TransferStatus.PENDING
