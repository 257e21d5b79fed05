from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


def test_seed_demo_twice_leaves_the_same_rows():
    call_command("seed_demo", stdout=StringIO())
    first = row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert row_counts() == first
    assert first["incubator.Site"] == 8
    assert first["incubator.User"] >= 6


def test_seed_demo_prints_the_demo_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ("admin", "staff", "partystaff", "applicant", "expert", "instructor"):
        assert username in out
