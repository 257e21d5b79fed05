"""The email outbox: a notification marked for email is sent by a Celery task after commit, and a periodic
sweep sends what the broker never delivered. Tasks keep their historical names, which beat's schedules use."""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)


def enqueue(ids):
    for pk in ids:
        try:
            send_notification_email.delay(pk)
        except Exception:  # broker down: the periodic sweep sends it later
            log.warning("broker unreachable; notification %s stays in the outbox", pk)


@shared_task(name="incubator.tasks.send_notification_email")
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


@shared_task(name="incubator.tasks.send_pending_email")
def send_pending_email():
    """The outbox sweep: emails whose task was never queued (broker down) or failed go out now."""
    cutoff = timezone.now() - timezone.timedelta(minutes=2)
    pending = Notification.objects.filter(email=Notification.Email.PENDING, created_at__lt=cutoff)
    ids = list(pending.values_list("pk", flat=True)[:500])
    return sum(bool(send_notification_email(pk)) for pk in ids)
