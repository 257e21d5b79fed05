import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

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
