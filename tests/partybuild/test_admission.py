"""入驻一家, 覆盖一家: the admission signal opens the party case in the admission's transaction."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from orgs.models import Organization
from partybuild.models import PartyCase, Stage, StageLog
from partybuild.services import on_organization_admitted
from tests.factories import OrganizationFactory, PartyStaffFactory, SiteFactory, StaffFactory
from tests.orgs.factories import in_shell
from tests.partybuild.factories import InstructorProfileFactory, PartyCaseFactory

pytestmark = pytest.mark.django_db


def admit(organization, by=None):
    with transaction.atomic():
        on_organization_admitted(organization=organization, by=by, when=timezone.now())


def test_admission_opens_the_case_at_inspection_with_the_lightest_instructor_of_the_site():
    site = SiteFactory()
    busy = InstructorProfileFactory(sites=[site]).user
    light = InstructorProfileFactory(sites=[site]).user
    elsewhere = InstructorProfileFactory(sites=[SiteFactory()]).user
    PartyCaseFactory(instructor=busy)
    staff = StaffFactory()
    organization = OrganizationFactory(site=site)

    admit(organization, by=staff)

    case = PartyCase.objects.get(organization=organization)
    assert case.stage == Stage.INSPECTION
    assert case.instructor == light
    assert case.instructor != elsewhere
    log = StageLog.objects.get(case=case)
    assert (log.source, log.target, log.by) == ("", Stage.INSPECTION, staff)
    assert light.notifications.filter(kind="party_case_opened").exists()


def test_the_count_declared_at_intake_stays_until_members_are_recorded(client):
    organization = OrganizationFactory(party_member_count=2)
    admit(organization)
    assert Organization.objects.get(pk=organization.pk).party_member_count == 2
    client.force_login(PartyStaffFactory())
    page = client.get(reverse("partybuild:case", args=[organization.pk])).content.decode()
    assert 'data-testid="declared">2<' in page


def test_without_an_instructor_at_the_site_the_case_stays_unassigned():
    InstructorProfileFactory(sites=[SiteFactory()])
    organization = OrganizationFactory()
    admit(organization)
    assert PartyCase.objects.get(organization=organization).instructor is None


def test_an_instructor_who_takes_no_new_cases_is_skipped():
    site = SiteFactory()
    InstructorProfileFactory(sites=[site], accepts_cases=False)
    organization = OrganizationFactory(site=site)
    admit(organization)
    assert PartyCase.objects.get(organization=organization).instructor is None


def test_a_failed_admission_rolls_the_case_back():
    organization = OrganizationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        on_organization_admitted(organization=organization, by=None, when=timezone.now())
        assert PartyCase.objects.filter(organization=organization).exists()
        raise RuntimeError("admission failed after the signal")
    assert not PartyCase.objects.filter(organization=organization).exists()


def test_a_second_admission_keeps_the_existing_case():
    organization = OrganizationFactory()
    admit(organization)
    admit(organization)
    assert PartyCase.objects.filter(organization=organization).count() == 1


def test_party_staff_open_cases_by_hand_for_organizations_admitted_before(client):
    earlier = in_shell(OrganizationFactory(name="早期入驻组织")).organization
    has_case = PartyCaseFactory(organization=in_shell().organization).organization
    not_admitted = OrganizationFactory(name="尚未入园的组织")
    client.force_login(PartyStaffFactory())
    page = client.get(reverse("partybuild:open_case"))
    assert "早期入驻组织" in page.content.decode()
    assert has_case.name not in page.content.decode()
    assert not_admitted.name not in page.content.decode()
    response = client.post(reverse("partybuild:open_case"), {"organizations": [earlier.pk], "reason": "2013年入驻"})
    assert response.status_code == 302
    case = PartyCase.objects.get(organization=earlier)
    assert case.log.get().reason == "2013年入驻"


@pytest.mark.parametrize("factory", [StaffFactory, None])
def test_only_party_staff_open_cases_by_hand(client, factory):
    organization = OrganizationFactory()
    if factory:
        client.force_login(factory())
    response = client.post(reverse("partybuild:open_case"), {"organizations": [organization.pk]})
    assert response.status_code in (302, 403)
    if factory:
        assert response.status_code == 403
    assert not PartyCase.objects.exists()
