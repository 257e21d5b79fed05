"""Benchmark plumbing: what an app's `bench.py` returns, and how each measurement is timed.

An app's `<app>/bench.py` offers `build(scale, rng, out) -> dict` (it creates a synthetic park of that scale and
returns what its measurements need) and `measurements(context) -> list[Measurement]`."""

import datetime
import statistics
import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from . import deadlines, demo
from .models import Notification, Reminder, Site, User
from .roles import Role


@dataclass
class Measurement:
    name: str
    user: Any = None  # pages: the user who uses the page
    url: str = ""  # a page (GET) ...
    call: Any = None  # ... or a callable (a computation, the deadline scan)
    repeat: int | None = None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(measurement, repeat):
    repeat = measurement.repeat or repeat
    durations, queries, status = [], None, None
    client = None
    if measurement.url:
        client = Client()
        if measurement.user is not None:
            client.force_login(measurement.user)
            # Past the second sign-in step too, as a staff member's browser is once the code is typed.
            device, _created = StaticDevice.objects.get_or_create(user=measurement.user, name="bench")
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        client.get(measurement.url)  # warm-up: templates, caches
    for attempt in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if client is not None:
                response = client.get(measurement.url)
                status = response.status_code
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
            else:
                measurement.call()
            durations.append((time.perf_counter() - started) * 1000)
        if attempt == 0:
            queries = len(captured)
    return {
        "name": measurement.name,
        "median_ms": round(statistics.median(durations), 1),
        "p95_ms": round(percentile(durations, 0.95), 1),
        "queries": queries,
        "status": status,
        "runs": repeat,
    }


def build(scale, rng, out, contexts):
    """The core's part of a synthetic park: the sites, one user of each staff role, past reminders and
    notifications in proportion to the scale (the deadline scan must stay fast with a long history)."""
    demo.seed()
    staff = User.objects.create_user("bench-staff", password="bench", is_staff=True, full_name="基准测试员")
    staff.groups.add(Group.objects.get(name=Role.PARK_STAFF))
    site_type = ContentType.objects.get_for_model(Site)
    sites = list(Site.objects.values_list("pk", flat=True))
    start = datetime.date(2014, 1, 1)
    reminders = [
        Reminder(
            content_type=site_type,
            object_id=rng.choice(sites) * 10_000_000 + n,
            kind="bench",
            due_date=start + datetime.timedelta(days=n % 4000),
        )
        for n in range(int(20_000 * scale))
    ]
    Reminder.objects.bulk_create(reminders, batch_size=5000)
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(recipient=staff, kind="bench", title=f"提醒 {n}", created_at=now)
            for n in range(int(200 * scale))
        ],
        batch_size=5000,
    )
    out.write(f"core: {len(reminders)} reminders")
    return {"staff": staff}


def measurements(context):
    return [
        Measurement("staff notifications", user=context["staff"], url="/notifications/"),
        Measurement("daily deadline scan", call=lambda: deadlines.run_scan(timezone.localdate()), repeat=3),
    ]
