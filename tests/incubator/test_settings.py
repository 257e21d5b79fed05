import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEAN_ENV = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**CLEAN_ENV, **env}, capture_output=True, text=True, timeout=120
    )


def test_with_only_a_secret_key_the_portal_uses_embedded_defaults(tmp_path):
    probe = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], 'broker': settings.CELERY_BROKER_URL,"
        "'debug': settings.DEBUG, 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE,"
        "'email': settings.EMAIL_BACKEND, 'health': settings.DATABASES['default']['CONN_HEALTH_CHECKS']}))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "incubator.settings", "SECRET_KEY": "x" * 50, "PARK_VAR_DIR": str(tmp_path)}
    result = run(["-c", probe], env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "engine": "django.db.backends.sqlite3",
        "broker": "filesystem://",
        "debug": False,
        "lang": "zh-hans",
        "tz": "Asia/Shanghai",
        "email": "django.core.mail.backends.console.EmailBackend",
        "health": True,
    }


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "incubator.settings",
    "DEBUG": "0",
    "SECRET_KEY": "k8#2vQ!x9Lr4$Tz7Wq1&Mn6^Bp3*Hs5@Jd0(Fg8)Yc2-Ue4+Ia6=Ol9_Ek1",
    "ALLOWED_HOSTS": "park.example.cn",
    "HTTPS": "1",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/park",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION, "PARK_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_settings_are_flagged_by_check_deploy(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], {"DEBUG": "1", "PARK_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr or "security.W009" in result.stdout + result.stderr


def test_the_embedded_broker_writes_only_under_the_var_folder(tmp_path):
    """A broadcast (what `celery inspect` and the worker's control channel use) writes the exchange table in the
    broker's control folder: it must be under PARK_VAR_DIR, never in the folder the command runs from."""
    workdir, var = tmp_path / "work", tmp_path / "var"
    workdir.mkdir()
    probe = "import django; django.setup(); from incubator.celery import app; app.control.ping(timeout=0.2)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=workdir,
        env={
            **CLEAN_ENV,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "incubator.settings",
            "SECRET_KEY": "x" * 50,
            "PARK_VAR_DIR": str(var),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert list(workdir.iterdir()) == []
    assert any((var / "celery-queue" / "control").iterdir())
