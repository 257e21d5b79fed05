"""Who speaks for an organization is computed once (orgs.selectors.confirmed_applicants_by_organization): the
accounts staff confirmed that are still active. Stage moves, deadline reminders and venture notices all use it."""

import pytest
from django.utils import timezone

from incubator.models import Notification
from orgs import selectors, services
from orgs.deadlines import scan_incubations
from tests.factories import MembershipFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.orgs.factories import IncubationFactory, in_shell

pytestmark = pytest.mark.django_db


def speakers():
    """An organization with one confirmed active account, one confirmed but deactivated, one not confirmed."""
    org = OrganizationFactory()
    confirmed = applicant_of(org)
    gone = applicant_of(org)
    gone.is_active = False
    gone.save()
    waiting = MembershipFactory(organization=org, confirmed_at=None).user
    return org, confirmed, gone, waiting


def test_only_confirmed_active_accounts_speak_for_an_organization():
    org, confirmed, _gone, _waiting = speakers()
    other = OrganizationFactory()
    assert selectors.confirmed_applicants_by_organization([org.pk, other.pk]) == {org.pk: [confirmed], other.pk: []}
    assert selectors.confirmed_applicants_of(org.pk) == [confirmed]


def test_a_stage_move_tells_only_them():
    org, confirmed, gone, waiting = speakers()
    services.start_inspection(StaffFactory(), IncubationFactory(organization=org))
    told = set(Notification.objects.filter(kind="orgs_stage_start_inspection").values_list("recipient", flat=True))
    assert confirmed.pk in told and gone.pk not in told and waiting.pk not in told


def test_the_in_shell_reminder_tells_only_them():
    org, confirmed, gone, waiting = speakers()
    incubation = in_shell(org)
    scan_incubations(incubation.in_shell_until - timezone.timedelta(days=7))
    told = set(Notification.objects.filter(kind="orgs_in_shell_ends_7").values_list("recipient", flat=True))
    assert confirmed.pk in told and gone.pk not in told and waiting.pk not in told
