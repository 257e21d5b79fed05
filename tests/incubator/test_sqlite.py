"""The embedded default, SQLite, configured for a web server, a worker and beat writing at once.

These tests open their own SQLite file, whatever database the suite runs on."""

import threading

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, transaction

from incubator.models import User
from incubator.settings import database

WRITERS = 6
WRITES_EACH = 25


@pytest.fixture
def sqlite_file(tmp_path, monkeypatch, django_db_blocker):
    """An extra connection alias `embedded` on a SQLite file, configured as settings configure DATABASE_URL."""
    config = database(f"sqlite:///{tmp_path / 'park.sqlite3'}")
    filled = connections.configure_settings({"default": config})["default"]
    monkeypatch.setitem(connections.settings, "embedded", filled)
    with django_db_blocker.unblock():
        yield "embedded"
        connections["embedded"].close()
        del connections["embedded"]


def test_a_sqlite_database_url_is_configured_for_concurrent_writers():
    config = database("sqlite:////tmp/park.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "init_command" not in database("postgres://postgres@127.0.0.1:5432/park").get("OPTIONS", {})


def test_a_sqlite_connection_runs_with_wal_a_busy_timeout_and_immediate_transactions(sqlite_file):
    connection = connections[sqlite_file]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20000
    assert connection.transaction_mode == "IMMEDIATE"


def test_writers_on_several_threads_at_once_never_see_database_is_locked(sqlite_file):
    """Each writer reads, then writes, in one transaction: with deferred transactions two such writers fail at once
    ("database is locked"), since a reader cannot wait to become the writer."""
    with connections[sqlite_file].cursor() as cursor:
        cursor.execute("CREATE TABLE tally (id INTEGER PRIMARY KEY, seen INTEGER NOT NULL, writer INTEGER NOT NULL)")
    errors = []
    start = threading.Barrier(WRITERS)

    def write(writer):
        try:
            start.wait()
            for _ in range(WRITES_EACH):
                with transaction.atomic(using=sqlite_file), connections[sqlite_file].cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM tally")
                    seen = cursor.fetchone()[0]
                    cursor.execute("INSERT INTO tally (seen, writer) VALUES (%s, %s)", [seen, writer])
        except Exception as error:  # every failure of a writer is the finding
            errors.append(repr(error))
        finally:
            connections[sqlite_file].close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with connections[sqlite_file].cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM tally")
        # Every transaction saw all the writes before it: no two counted the same number of rows.
        assert cursor.fetchone() == (WRITERS * WRITES_EACH, WRITERS * WRITES_EACH)


@pytest.mark.django_db
def test_an_id_beyond_any_integer_column_matches_nothing_instead_of_failing():
    """SQLite cannot bind an integer past 64 bits: a form posted such an id answered 500 there."""
    user = User.objects.create(username="someone")
    assert list(User.objects.filter(pk__in=[user.pk, 10**20, -(10**20)])) == [user]
    assert not User.objects.filter(pk__in=[10**20]).exists()
    with pytest.raises(ValidationError):
        forms.ModelMultipleChoiceField(User.objects.all()).clean([str(user.pk), "99999999999999999999"])
