import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice

from incubator import protocol


def pytest_collection_modifyitems(config, items):
    """On SQLite (the embedded default, CI's second run) the tests of PostgreSQL's own behaviour are skipped."""
    if django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="checks PostgreSQL's own behaviour")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings, request):
    """Each test counts sign-in failures in a cache of its own: one test's failures never throttle the next."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }
    yield
    caches["default"].clear()


SUITE_DEVICE = "suite.second-factor/"


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(monkeypatch):
    """`client.force_login(user)` skips the password, and here the second step too: the session is as after a
    right code, from a device that exists only in the session (no row, so a walk that counts rows sees none).
    tests/security/test_two_factor.py checks both steps through the sign-in pages."""
    sign_in, find_device = Client.force_login, Device.from_persistent_id.__func__

    def force_login(self, user, backend=None):
        sign_in(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = f"{SUITE_DEVICE}{user.pk}"
        session.save()

    def from_persistent_id(cls, persistent_id, for_verify=False):
        if persistent_id.startswith(SUITE_DEVICE):
            return StaticDevice(user_id=int(persistent_id.removeprefix(SUITE_DEVICE)), name="suite", confirmed=True)
        return find_device(cls, persistent_id, for_verify)

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Device, "from_persistent_id", classmethod(from_persistent_id))


@pytest.fixture(autouse=True)
def _plain_static(settings):
    """Tests render templates without a collectstatic manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (in a thread, on the configured broker: Redis in CI) for the test's duration.

    Use with tests marked `@pytest.mark.django_db(transaction=True)` so the worker sees committed rows."""
    from celery.contrib.testing.worker import start_worker
    from django.db import connections

    from incubator.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
    connections.close_all()


def wait_for(predicate, timeout=15.0, interval=0.1):
    """Poll until `predicate()` is true (for work done by a real worker); fail after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests create many users; a cheap hasher keeps them fast (production keeps Django's default)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_uploads(settings):
    """The upload limit lowered to a few kilobytes, so that a test can post an oversized file cheaply."""
    from tests.fuzz_strategies import UPLOAD_LIMIT

    settings.UPLOAD_MAX_BYTES = UPLOAD_LIMIT


@pytest.fixture
def contribute(monkeypatch):
    """`contribute(Contribution(...))`: one more contribution for the test's duration, as if an installed app
    declared it in its park.py (incubator.protocol)."""

    def add(contribution, label="test_app"):
        monkeypatch.setattr(protocol, "_found", [*protocol.contributions(), (label, contribution)])

    return add
