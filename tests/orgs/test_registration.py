"""Self-registration of an applicant organization's account (kept working as the app grew)."""

import pytest
from django.urls import reverse

from orgs.models import Membership, Organization
from tests.factories import SiteFactory, make_uscc

pytestmark = pytest.mark.django_db


def form(site, **overrides):
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
    response = client.post(reverse("orgs:register"), form(site))
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="wurida")
    assert not membership.is_confirmed and membership.organization.name == "乌日达妇女手工制作中心"
    assert "正在等待园区工作人员确认" in client.get(reverse("orgs:my_organization")).content.decode()


def test_a_wrong_code_says_which_part_is_wrong_and_keeps_the_input(client):
    site = SiteFactory()
    good = make_uscc(77)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("orgs:register"), form(site, uscc=wrong))
    page = response.content.decode()
    assert response.status_code == 200
    assert "第18位校验码有误" in page and wrong in page and "乌日达妇女手工制作中心" in page
    assert not Organization.objects.exists()
