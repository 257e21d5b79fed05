"""Two factors: park staff, party-building staff and superusers sign in with a code from a phone app (TOTP) or a
recovery code; experts may turn it on; the administration shares the sign-in. Signed in through the pages here
(force_login skips the second step, tests/conftest.py)."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ExpertFactory, PartyStaffFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"
SUPERUSER = lambda: UserFactory(is_superuser=True, is_staff=True)  # noqa: E731


def sign_in(client, user, next_page=""):
    url = reverse("login") + (f"?next={next_page}" if next_page else "")
    return client.post(url, {"username": user.username, "password": PASSWORD})


def set_up(client, next_page="/workspace/"):
    """Open the set-up page, read the key it shows, type the code the app would show."""
    page = client.get(reverse("two_factor_setup") + f"?next={next_page}").content.decode()
    assert "<svg" in page  # the QR code, drawn inline
    secret = re.search(r'data-testid="secret">([A-Z2-7]+)<', page).group(1)
    key = b32decode(secret)
    response = client.post(reverse("two_factor_setup") + f"?next={next_page}", {"code": f"{totp(key):06d}"})
    codes = re.findall(r'<li class="list-group-item font-monospace">(\w+)</li>', response.content.decode())
    return key, codes


@pytest.mark.parametrize("factory", [StaffFactory, PartyStaffFactory, SUPERUSER])
def test_staff_signed_in_with_the_password_alone_reach_only_the_set_up(client, factory):
    sign_in(client, factory())
    response = client.get(reverse("workspace"))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_setup"))
    assert client.get(reverse("admin:index")).url.startswith(reverse("two_factor_setup"))
    page = client.get(response.url).content.decode()
    assert "您的角色要求登录时进行第二步验证" in page


def test_staff_set_it_up_then_sign_in_with_the_app_or_a_recovery_code(client, settings):
    # django-otp makes each wrong code wait longer before the next is tried; here the next one comes at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    staff = StaffFactory()
    sign_in(client, staff)
    key, codes = set_up(client)
    assert len(codes) == 10
    assert client.get(reverse("workspace")).status_code == 200
    assert TOTPDevice.objects.get(user=staff).confirmed

    client.post(reverse("logout"))
    sign_in(client, staff, "/workspace/")
    response = client.get(reverse("workspace"))
    assert response.url.startswith(reverse("two_factor_verify"))
    wrong = client.post(response.url, {"code": "000000" if f"{totp(key):06d}" != "000000" else "111111"})
    assert "验证码不正确或已使用过" in wrong.content.decode()
    assert client.get(reverse("workspace")).status_code == 302
    # The app's code was used to set it up: a code of the same 30 seconds is not taken twice. A recovery code is.
    done = client.post(response.url, {"code": codes[0]})
    assert done.status_code == 302 and done.url == "/workspace/"
    assert client.get(reverse("workspace")).status_code == 200

    client.post(reverse("logout"))
    sign_in(client, staff)
    again = client.post(reverse("two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 200  # each recovery code signs in once


def test_the_password_alone_cannot_replace_the_phone(client):
    staff = StaffFactory()
    sign_in(client, staff)
    key, _codes = set_up(client)
    client.post(reverse("logout"))
    sign_in(client, staff)  # an attacker who has the password only
    assert client.get(reverse("two_factor_setup")).url.startswith(reverse("two_factor_verify"))
    response = client.post(reverse("two_factor_setup"), {"code": f"{totp(key):06d}"})
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.get(user=staff).key == key.hex()


def test_a_wrong_code_at_set_up_is_refused_on_the_page(client):
    sign_in(client, StaffFactory())
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"code": "12345x"})
    assert response.status_code == 200
    assert "验证码与应用当前显示的不符" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_an_expert_may_sign_in_without_it_and_may_turn_it_on(client):
    expert = ExpertFactory()
    sign_in(client, expert)
    assert client.get(reverse("workspace")).status_code == 200
    set_up(client)
    client.post(reverse("logout"))
    sign_in(client, expert)
    assert client.get(reverse("workspace")).url.startswith(reverse("two_factor_verify"))


def test_the_administration_signs_in_through_the_portal(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url == reverse("login") + "?next=/admin/"


def test_the_requirement_can_be_turned_off(client, settings):
    settings.REQUIRE_TWO_FACTOR = False
    sign_in(client, StaffFactory())
    assert client.get(reverse("workspace")).status_code == 200


def test_set_up_sends_on_only_within_the_site(client):
    sign_in(client, ExpertFactory())
    page = client.get(reverse("two_factor_setup")).content.decode()
    secret = re.search(r'data-testid="secret">([A-Z2-7]+)<', page).group(1)
    url = reverse("two_factor_setup") + "?next=https://evil.example/"
    done = client.post(url, {"code": f"{totp(b32decode(secret)):06d}"}).content.decode()
    assert f'<a class="btn btn-danger w-100" href="{reverse("workspace")}">' in done
    response = client.get(reverse("two_factor_verify") + "?next=https://evil.example/")
    assert response.url == reverse("workspace")
