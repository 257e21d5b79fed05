"""Every URL of the project × every role, against the declared expectation table (rules.py and the apps'
modules beside it). A URL without an expectation fails; so does any page, download or export that shows a
role what it must not see."""

from io import BytesIO
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.core.cache import caches
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from openpyxl import load_workbook

from incubator import jobs, protocol
from incubator.models import Job, Notification
from tests.access.rules import ROLES
from tests.access.world import build_core

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The admin's own pages are checked through admin:index and each app's changelist rules.
SKIP_NAMESPACES = {"admin"}


def app_modules():
    """Each app's expectations, as its contribution names them (the core's set-up is build_core)."""
    return [module for _label, module in protocol.modules("access_rules") if hasattr(module, "build")]


def all_rules():
    return [rule for _label, module in protocol.modules("access_rules") for rule in module.RULES]


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in SKIP_NAMESPACES:
                continue
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_declared_expectation():
    declared = {rule.name for rule in all_rules()}
    missing = sorted(set(url_names()) - declared)
    assert missing == [], f"URLs without an access expectation: {missing}"


def is_denied(response):
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and "/login/" in response.get("Location", "")


def body(response):
    # A download's name is part of what the role sees (e.g. an original file name naming the organization).
    return unquote(response.get("Content-Disposition", "")) + "\n" + content_of(response)


def content_of(response):
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if response.get("Content-Type", "").startswith(XLSX):
        # A workbook is zipped: read its cells, or no secret in an export could ever be found.
        workbook = load_workbook(BytesIO(content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return content.decode("utf-8", "replace")


def started_job_output(client, response):
    """An export or report handed to a Celery job: run it as the worker would, read its download as the same
    user, then remove the job and its notice, so what it shows is checked like a page and the walk leaves no row behind."""
    if response.status_code != 302:
        return ""
    try:
        match = resolve(response["Location"])
    except Resolver404:
        return ""
    if match.url_name != "job_detail":
        return ""
    job = Job.objects.get(pk=match.kwargs["pk"])
    jobs.run(job.pk)
    text = body(client.get(reverse("job_download", args=[job.pk])))
    job.refresh_from_db()
    for f in (job.result, job.source):
        if f:
            f.delete(save=False)
    Notification.objects.filter(recipient=job.owner, url=reverse("job_detail", args=[job.pk])).delete()
    job.delete()
    return text


# Reading member names is logged by design; signing in writes sessions and the sign-in log; the park's
# profile is created on its first read.
CHANGES_EXPECTED = {
    "partybuild.memberaccess",
    "sessions.session",
    "axes.accesslog",
    "incubator.parkprofile",
}


def row_counts():
    """Rows of every table (history tables included, so an update shows as a new history row)."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in CHANGES_EXPECTED
    }


@pytest.mark.django_db
def test_no_role_sees_what_it_must_not(client):
    world = build_core()
    for module in app_modules():
        module.build(world)
    secrets = [world.org_a.name, world.org_b.name, world.secret_notification] + [
        s for module in app_modules() for s in getattr(module, "secrets", lambda w: [])(world)
    ]
    before = row_counts()
    leaks, blind_spots, pairs = [], [], 0
    for rule in all_rules():
        url = reverse(rule.name, kwargs=rule.kwargs(world)) + rule.query
        for role in ROLES:
            user = world.users[role]
            client.logout()
            caches["default"].clear()  # each pair is a visitor of its own, not one more post from the last one
            if user is not None:
                client.force_login(user)
            response = getattr(client, rule.method)(url, rule.data(world))
            text = body(response) + started_job_output(client, response)
            pairs += 1
            if role in rule.allow:
                ok = rule.ok_for.get(role, rule.ok)
                if response.status_code not in ok:
                    leaks.append(f"{rule.name} as {role}: expected {ok}, got {response.status_code}")
                hidden = rule.hidden.get(role, lambda w: [])(world)
                leaks += [f"{rule.name} as {role}: shows {s!r}" for s in hidden if s in text]
                shown = rule.shown.get(role, lambda w: [])(world)
                blind_spots += [f"{rule.name} as {role}: does not show {s!r}" for s in shown if s not in text]
            else:
                if not is_denied(response):
                    leaks.append(f"{rule.name} as {role}: not denied ({response.status_code})")
                leaks += [f"{rule.name} as {role} (denied): shows {s!r}" for s in secrets if s in text]
    print(f"access matrix: {pairs} pairs checked, {len(leaks)} leaks")
    after = row_counts()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert leaks == [], "\n".join(leaks)
    assert blind_spots == [], "\n".join(blind_spots)
    # Every POST in the table is refused (or GET-only), so walking the matrix changes nothing.
    assert changed == {}, f"the walk changed the world (rows before, after): {changed}"
