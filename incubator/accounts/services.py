from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .selectors import accounts_staff_may_reset


def issue_reset_link(by, account):
    """The path of a one-time link that lets `account` set a new password (Django's reset link: valid for
    PASSWORD_RESET_TIMEOUT, void once used or once the password changes). Recorded in the account's history
    in the administration: who issued it, when."""
    if not by.is_park_staff:
        raise PermissionDenied
    if not accounts_staff_may_reset().filter(pk=account.pk).exists():
        raise ValidationError(_("A reset link can be issued only for an active account that is not a staff one."))
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[account],
        action_flag=CHANGE,
        change_message=_("Issued a password reset link"),
        single_object=True,
    )
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(account)])
