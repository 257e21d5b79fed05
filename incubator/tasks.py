"""The core's Celery tasks: small and idempotent; safe to run twice. The worker finds every task of the core
through this module: the outbox's and the jobs' tasks live beside their logic and are named here."""

import socket

from celery import shared_task
from django.utils import timezone

from . import deadlines
from .jobs import run_job, start_waiting_jobs
from .models import Heartbeat
from .outbox import send_notification_email, send_pending_email

__all__ = [
    "heartbeat",
    "run_job",
    "scan_deadlines",
    "send_notification_email",
    "send_pending_email",
    "start_waiting_jobs",
]


@shared_task
def heartbeat():
    Heartbeat.objects.update_or_create(
        name="celery", defaults={"beat_at": timezone.now(), "hostname": socket.gethostname()}
    )


@shared_task
def scan_deadlines(today=None):
    """Daily: every app's scanners look for what is due and remind the people concerned, once."""
    day = timezone.datetime.fromisoformat(today).date() if today else timezone.localdate()
    return deadlines.run_scan(day)
