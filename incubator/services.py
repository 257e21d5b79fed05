"""Core commands: notifying people and sending a reminder once. Apps call these; nothing else writes
notifications or reminders."""

import logging
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import notifications as kinds
from . import outbox
from .models import Notification, Reminder

log = logging.getLogger(__name__)


def _interpolate(message, params):
    return str(message) % params


# interpolate(_("... %(org)s"), {"org": name}) stays lazy, so notify() renders it in each recipient's language.
interpolate = lazy(_interpolate, str)


def notify(recipients, kind, title, body="", url="", email=True):
    """Tell each recipient something, in the portal and (after commit, through Celery) by email.

    `title` and `body` may be lazy translations: each is rendered in the recipient's own language."""
    kinds.check_declared(kind)
    notifications = []
    for user in {r for r in recipients if r is not None and r.is_active}:
        with translation.override(user.language):
            notifications.append(
                Notification(
                    recipient=user,
                    kind=kind,
                    title=str(title)[:200],
                    body=str(body),
                    url=url,
                    email=Notification.Email.PENDING
                    if email and user.email and kind not in user.email_muted_kinds
                    else Notification.Email.SKIPPED,
                )
            )
    created = Notification.objects.bulk_create(notifications)
    pending = [n.pk for n in created if n.email == Notification.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: outbox.enqueue(pending))
    return created


def notify_unless_unread(recipients, kind, title, body="", url=""):
    """notify(), except whoever still has an unread notification of this kind about the same page: a burst
    (thirty objections in a minute) tells each person once, until they have looked."""
    recipients = [r for r in recipients if r is not None]
    waiting = set(
        Notification.objects.filter(
            kind=kind, url=url, read_at__isnull=True, recipient__in=[r.pk for r in recipients]
        ).values_list("recipient_id", flat=True)
    )
    return notify([r for r in recipients if r.pk not in waiting], kind, title, body, url)


def remind_once(subject, kind, due_date, recipients, title, body="", url=""):
    """Send a reminder about `subject` unless one of this kind and due date was already sent.

    Returns True when this call sent it. The unique row is the lock: a second scan, even one running at
    the same moment in another worker, finds the row and sends nothing."""
    content_type = ContentType.objects.get_for_model(subject)
    try:
        with transaction.atomic():
            Reminder.objects.create(content_type=content_type, object_id=subject.pk, kind=kind, due_date=due_date)
            notify(recipients, kind, title, body, url)
    except IntegrityError:
        return False
    return True


def mark_read(user, notification_ids=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def set_email_choices(user, emailed_kinds):
    """The user chooses which kinds of notification also come by email; the rest stay in the portal."""
    user.email_muted_kinds = sorted(set(kinds.kinds()) - set(emailed_kinds))
    user.save(update_fields=["email_muted_kinds"])


def reset_calendar_token(user):
    """A new private feed address; the old one stops working at once."""
    user.calendar_token = uuid.uuid4()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


RECOVERY_CODES = 10


def turn_on_second_factor(user, key, code):
    """`user` proves with `code` that the phone app holds `key` (hex): the app becomes the account's second
    factor, replacing any earlier one, with RECOVERY_CODES new recovery codes, returned to be shown once."""
    device = TOTPDevice(user=user, key=key, name=str(_("Phone app")), confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not code.isdigit() or not totp.verify(int(code), tolerance=device.tolerance):
        raise ValidationError({"code": _("That code is not the one your app shows now. Type the current code.")})
    with transaction.atomic():
        for old in devices_for_user(user, confirmed=None):
            old.delete()
        device.last_t = totp.t()
        device.save()
        recovery = StaticDevice.objects.create(user=user, name=str(_("Recovery codes")))
        codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
        recovery.token_set.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    return device, codes
