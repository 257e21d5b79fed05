"""Core Celery tasks: small and idempotent; safe to run twice."""

import socket

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from . import deadlines, jobs
from .models import Heartbeat, Job, Notification


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


@shared_task
def send_notification_email(notification_id):
    # Claim the row first: of two deliveries of the same task, only one wins the update.
    claimed = Notification.objects.filter(pk=notification_id, email=Notification.Email.PENDING).update(
        email=Notification.Email.SENT, emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        send_mail(
            subject=notification.title,
            message=f"{notification.body}\n\n{notification.url}".strip(),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
    except Exception:
        Notification.objects.filter(pk=notification_id).update(email=Notification.Email.PENDING, emailed_at=None)
        raise
    return True


@shared_task
def send_pending_email():
    """The outbox sweep: emails whose task was never queued (broker down) or failed go out now."""
    cutoff = timezone.now() - timezone.timedelta(minutes=2)
    pending = Notification.objects.filter(email=Notification.Email.PENDING, created_at__lt=cutoff)
    ids = list(pending.values_list("pk", flat=True)[:500])
    return sum(bool(send_notification_email(pk)) for pk in ids)


@shared_task
def run_job(job_id):
    return jobs.run(job_id)


@shared_task
def start_waiting_jobs():
    """Jobs queued while the broker was down start now."""
    cutoff = timezone.now() - timezone.timedelta(minutes=2)
    waiting = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=cutoff).values_list("pk", flat=True)
    return sum(bool(jobs.run(pk)) for pk in list(waiting[:20]))
