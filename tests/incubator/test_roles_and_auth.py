import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from incubator.roles import Role
from tests.factories import StaffFactory, UserFactory, applicant_of

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_an_applicant_cannot_open_the_admin(client):
    client.force_login(applicant_of())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_park_staff_can_open_the_admin_and_manage_sites_and_users(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:incubator_site_changelist")).status_code == 200
    assert client.get(reverse("admin:incubator_site_add")).status_code == 200


def test_the_admin_speaks_chinese_by_default(client):
    client.force_login(StaffFactory())
    page = client.get(reverse("admin:index")).content.decode()
    assert "双孵化园" in page
    assert "站点" in page or "园区" in page


def test_login_then_logout(client):
    user = UserFactory(password="a-long-pass-2014")
    response = client.post(reverse("login"), {"username": user.username, "password": "a-long-pass-2014"})
    assert response.status_code == 302 and response["Location"] == reverse("workspace")
    assert client.get(reverse("workspace")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("workspace")).status_code == 302


def test_repeated_failed_logins_lock_the_account(client, settings):
    user = UserFactory(password="a-long-pass-2014")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    # Locked: even the right password is refused now, with a page that says why.
    response = client.post(reverse("login"), {"username": user.username, "password": "a-long-pass-2014"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert client.get(reverse("workspace")).status_code == 302


def test_a_username_longer_than_any_is_refused_on_the_form(client):
    """Django's sign-in form let it through to the lockout record, whose column could not hold it: 500."""
    response = client.post(reverse("login"), {"username": "ᠮ" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert "ᠮ" * 300 in response.content.decode()


def test_password_change_and_reset_pages_answer(client):
    client.force_login(UserFactory())
    assert client.get(reverse("password_change")).status_code == 200
    client.logout()
    assert client.get(reverse("password_reset")).status_code == 200
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302


def test_a_password_reset_email_reaches_the_user(client, mailoutbox):
    user = UserFactory(email="someone@example.org")
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_a_too_short_password_is_refused_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("a1b2")
    assert "密码太短" in " ".join(refused.value.messages)
    assert "too short" not in " ".join(refused.value.messages)
