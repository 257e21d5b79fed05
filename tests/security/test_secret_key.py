"""The portal never signs sessions or password-reset links with the development key, which is public: with DEBUG
off and no SECRET_KEY the web application refuses to start and says what to set. A command that serves nobody
(makemigrations on a fresh checkout) still runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
# What gunicorn and runserver load: the web application.
PROBE = "from incubator.wsgi import application; from django.conf import settings; print(settings.SECRET_KEY)"


def start(tmp_path, probe=PROBE, **env):
    return subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "incubator.settings", "PARK_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_with_debug_off_and_no_secret_key_the_portal_refuses_to_start(tmp_path):
    result = start(tmp_path, DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "set SECRET_KEY" in result.stderr


def test_an_empty_secret_key_is_no_key(tmp_path):
    assert start(tmp_path, SECRET_KEY="").returncode != 0


def test_with_a_secret_key_the_portal_starts_on_it(tmp_path):
    result = start(tmp_path, SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "k" * 50


def test_a_development_run_may_use_the_development_key(tmp_path):
    result = start(tmp_path, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("django-insecure-")


def test_a_command_that_serves_nobody_runs_on_a_fresh_checkout(tmp_path):
    result = start(tmp_path, probe="import django; django.setup(); print('ready')", DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ready"
