"""Which stages may hold the park's spaces is declared once; every door refuses an allocation otherwise, and
leaving the stage releases the space, recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs import services
from orgs.models import Incubation, Space, SpaceAllocation, Stage
from orgs.services.incubation import move
from tests.factories import OrganizationFactory, StaffFactory
from tests.orgs.factories import SpaceFactory, in_shell

pytestmark = pytest.mark.django_db

REFUSED = "只有壳内孵化（至出壳）或入驻园区的组织才能使用园区的场地和设备"


def at(stage):
    org = OrganizationFactory()
    Incubation.objects.create(organization=org, stage=stage)
    return org


def test_the_stages_that_may_hold_each_kind_are_declared_once():
    for kind in Space.Kind:
        assert set(kind.held_in()) == {Stage.IN_SHELL, Stage.GROWTH_EVALUATION, Stage.RESIDENT}


@pytest.mark.parametrize("stage", [Stage.APPLICATION, Stage.DECLINED, Stage.FOLLOW_UP, None])
def test_the_workbench_refuses_a_space_to_an_organization_outside_those_stages(client, stage):
    org = at(stage) if stage else OrganizationFactory()
    space = SpaceFactory(site=org.site)
    client.force_login(StaffFactory())
    response = client.post(
        reverse("orgs:organization_space", args=[org.pk]), {"space": space.pk, "on": "2026-03-01", "note": "一楼东侧"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and REFUSED in page and "一楼东侧" in page
    assert not SpaceAllocation.objects.exists()


def test_the_admin_add_form_refuses_the_same_and_allocates_through_the_service(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    declined, admitted = at(Stage.DECLINED), in_shell().organization
    space = SpaceFactory(site=declined.site)
    url = reverse("admin:orgs_spaceallocation_add")
    data = {"space": space.pk, "organization": declined.pk, "allocated_on": "2026-03-01", "note": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not SpaceAllocation.objects.exists()
    assert client.post(url, {**data, "organization": admitted.pk}).status_code == 302
    allocation = SpaceAllocation.objects.get()
    assert allocation.organization == admitted and allocation.allocated_by == staff
    # A held allocation is a settled record: nothing to edit, released by the action.
    form = client.get(reverse("admin:orgs_spaceallocation_change", args=[allocation.pk])).context["adminform"].form
    assert not form.fields
    changelist = reverse("admin:orgs_spaceallocation_changelist")
    client.post(changelist, {"action": "release", "_selected_action": [allocation.pk]})
    allocation.refresh_from_db()
    assert allocation.released_on == timezone.localdate() and allocation.released_by == staff
    assert allocation.release_reason == "由园区工作人员收回"


def test_leaving_the_stage_releases_the_space_recorded(client):
    staff = StaffFactory()
    incubation = in_shell()
    office = SpaceFactory(site=incubation.organization.site)
    services.allocate_space(staff, office, incubation.organization)
    services.withdraw(staff, incubation, "组织主动申请退出。")
    allocation = SpaceAllocation.objects.get()
    assert allocation.released_on == timezone.localdate() and allocation.released_by == staff
    assert allocation.release_reason == "退出：组织主动申请退出。"
    assert allocation.history.first().history_user == staff
    client.force_login(staff)
    page = client.get(reverse("orgs:organization", args=[incubation.organization_id])).content.decode()
    assert "退出：组织主动申请退出。" in page


def test_growth_evaluation_keeps_the_space_and_exit_releases_it():
    staff = StaffFactory()
    incubation = in_shell()
    services.allocate_space(staff, SpaceFactory(site=incubation.organization.site), incubation.organization)
    incubation = move(staff, incubation, "start_growth_evaluation")
    assert SpaceAllocation.objects.get().released_on is None
    move(staff, incubation, "exit_shell")
    assert SpaceAllocation.objects.get().release_reason.startswith("出壳")
