"""Sign-in behind the TLS proxy: every request reaches the portal from the proxy's address, the client's address
is in X-Forwarded-For. The lockout must hold a username for the client that failed, not for everyone."""

import json
import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory
from tests.security.test_secret_key import CLEAN_ENV, ROOT

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
PASSWORD = "pw-for-tests-1"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = 1


def sign_in(client, username, password, client_address, forwarded_by_client=""):
    """A sign-in through the proxy: nginx appends the address it saw to whatever the client wrote."""
    forwarded = f"{forwarded_by_client}, {client_address}" if forwarded_by_client else client_address
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_failures_from_one_client_do_not_lock_the_account_for_another(client, behind_proxy):
    staff = StaffFactory()
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 2):
        sign_in(client, staff.username, "wrong", "198.51.100.9")
    assert sign_in(client, staff.username, PASSWORD, "198.51.100.9").status_code == 429
    response = sign_in(client, staff.username, PASSWORD, "203.0.113.5")
    assert response.status_code == 302 and response.url == reverse("workspace")


def test_a_client_cannot_escape_its_lockout_by_writing_the_header_itself(client, behind_proxy):
    user = UserFactory()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong", "198.51.100.9", forwarded_by_client=f"192.0.2.{n}")
    response = sign_in(client, user.username, PASSWORD, "198.51.100.9", forwarded_by_client="192.0.2.200")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_exposed_directly_the_portal_ignores_a_forwarded_header(client):
    user = UserFactory()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"), {"username": user.username, "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
        )
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


def test_an_address_trying_many_usernames_is_throttled(client, behind_proxy, settings):
    """Counted in the configured shared cache (Redis in CI), under a prefix of this test's own."""
    settings.CACHES = {"default": {**django_settings.CACHES["default"], "KEY_PREFIX": uuid.uuid4().hex}}
    settings.SIGN_IN_FAILURES_PER_ADDRESS = "6/10m"
    victim = UserFactory()
    for n in range(7):
        sign_in(client, f"guess{n}", "wrong", "198.51.100.9")
    response = sign_in(client, victim.username, PASSWORD, "198.51.100.9")
    assert response.status_code == 200
    page = response.content.decode()
    assert "来自您网络的登录失败次数过多" in page
    assert victim.username in page  # what was typed is kept
    assert sign_in(client, victim.username, PASSWORD, "203.0.113.5").status_code == 302


def test_a_locked_out_user_gets_in_again_through_the_password_reset_link(client, behind_proxy):
    user = UserFactory(email="member@example.org")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong", "198.51.100.9")
    locked = sign_in(client, user.username, PASSWORD, "198.51.100.9")
    assert locked.status_code == 429 and reverse("password_reset") in locked.content.decode()

    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.9").url
    response = client.post(
        form_url,
        {"new_password1": "a-new-pass-for-2026", "new_password2": "a-new-pass-for-2026"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 302
    response = sign_in(client, user.username, "a-new-pass-for-2026", "198.51.100.9")
    assert response.status_code == 302 and response.url == reverse("workspace")


@pytest.mark.parametrize(
    ("broker", "backend"),
    [
        ("", "django.core.cache.backends.filebased.FileBasedCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_throttle_counts_in_a_cache_every_process_shares(tmp_path, broker, backend):
    """On the embedded default there is no Redis: files under PARK_VAR_DIR, never one process's memory."""
    probe = "import json, django; from django.conf import settings; django.setup(); print(json.dumps(settings.CACHES))"
    env = {**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "incubator.settings", "SECRET_KEY": "x" * 50}
    env |= {"PARK_VAR_DIR": str(tmp_path), **({"CELERY_BROKER_URL": broker} if broker else {})}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["default"]["BACKEND"] == backend
