import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from incubator.models import Notification, User
from orgs import services
from orgs.models import Membership, Organization
from orgs.selectors import organization_of
from tests.factories import SiteFactory, StaffFactory, make_uscc

pytestmark = pytest.mark.django_db


def form_data(site, **overrides):
    data = {
        "username": "chunhui",
        "full_name": "王某某",
        "phone": "13912345678",
        "email": "ch@example.org",
        "position": "理事长",
        "password1": "Ejin-Horo-2014!",
        "password2": "Ejin-Horo-2014!",
        "name": "伊旗春晖助餐服务中心",
        "registration_type": "social_service",
        "uscc": make_uscc(7),
        "category": "community_service",
        "site": site.pk,
        "address": "阿勒腾席热镇",
        "person_in_charge": "王某某",
        "contact_phone": "13912345678",
        "services": "为老人和青少年提供助餐服务",
    }
    data.update(overrides)
    return data


def test_an_organization_registers_and_waits_for_staff_to_confirm(client):
    site, staff = SiteFactory(), StaffFactory()
    response = client.post(reverse("orgs:register"), form_data(site))
    assert response.status_code == 302
    user = User.objects.get(username="chunhui")
    assert user.is_applicant
    membership = Membership.objects.get(user=user)
    assert not membership.is_confirmed and organization_of(user) is None
    assert Notification.objects.filter(recipient=staff, kind="membership_requested").exists()

    services.confirm_membership(staff, membership)
    assert organization_of(user) == Organization.objects.get(name="伊旗春晖助餐服务中心")
    assert Notification.objects.filter(recipient=user, kind="membership_confirmed").exists()


def test_a_wrong_credit_code_is_explained_and_everything_typed_is_kept(client):
    site = SiteFactory()
    response = client.post(reverse("orgs:register"), form_data(site, uscc="52150627MJ0000000Z"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "请更正下列错误" in page
    assert 'value="伊旗春晖助餐服务中心"' in page and 'value="13912345678"' in page and 'value="chunhui"' in page
    assert not User.objects.filter(username="chunhui").exists()
    assert not Organization.objects.exists()


def test_a_registered_organization_needs_its_credit_code(client):
    response = client.post(reverse("orgs:register"), form_data(SiteFactory(), uscc=""))
    assert response.status_code == 200
    assert not Organization.objects.exists()


def test_a_grassroots_team_registers_without_a_credit_code(client):
    response = client.post(reverse("orgs:register"), form_data(SiteFactory(), uscc="", registration_type="grassroots"))
    assert response.status_code == 302


def test_a_duplicate_credit_code_is_refused(client):
    site = SiteFactory()
    client.post(reverse("orgs:register"), form_data(site))
    client.logout()
    response = client.post(reverse("orgs:register"), form_data(site, username="other", name="另一个中心"))
    assert response.status_code == 200
    assert Organization.objects.count() == 1


def test_only_park_staff_confirm_accounts(client):
    client.post(reverse("orgs:register"), form_data(SiteFactory()))
    membership = Membership.objects.get()

    with pytest.raises(PermissionDenied):
        services.confirm_membership(membership.user, membership)


def wurida_form(site, **overrides):
    data = {
        "username": "wurida",
        "full_name": "联系人甲",
        "phone": "13800000000",
        "email": "",
        "position": "负责人",
        "password1": "Grass-roots-2014!",
        "password2": "Grass-roots-2014!",
        "name": "乌日达妇女手工制作中心",
        "registration_type": "social_service",
        "uscc": make_uscc(77),
        "category": "charity",
        "site": site.pk,
        "address": "",
        "person_in_charge": "负责人甲",
        "contact_phone": "13800000000",
        "services": "刺绣培训",
    }
    data.update(overrides)
    return data


def test_registration_creates_an_unconfirmed_account(client):
    site = SiteFactory()
    response = client.post(reverse("orgs:register"), wurida_form(site))
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="wurida")
    assert not membership.is_confirmed and membership.organization.name == "乌日达妇女手工制作中心"
    assert "正在等待园区工作人员确认" in client.get(reverse("orgs:my_organization")).content.decode()


def test_a_wrong_check_character_is_explained_in_chinese_and_the_input_kept(client):
    site = SiteFactory()
    good = make_uscc(77)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("orgs:register"), wurida_form(site, uscc=wrong))
    page = response.content.decode()
    assert response.status_code == 200
    assert "第18位校验码有误" in page and wrong in page and "乌日达妇女手工制作中心" in page
    assert not Organization.objects.exists()
