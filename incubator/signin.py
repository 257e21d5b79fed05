"""Signing in, guarded twice: django-axes locks a username for one client address after AXES_FAILURE_LIMIT failures
(so nobody elsewhere can lock someone out), and an address that fails too often across usernames is throttled here
(django-ratelimit, in the shared cache). A locked-out user resets the password by email, which lifts the lock."""

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth.views import PasswordResetConfirmView
from django_ratelimit.core import is_ratelimited

from .addresses import client_address


def _address_key(group, request):
    return client_address(request)


def address_throttled(request, failed=False):
    """True once this client address has failed more sign-ins than SIGN_IN_FAILURES_PER_ADDRESS allows; `failed`
    counts one more failure."""
    return is_ratelimited(
        request, group="sign-in", key=_address_key, rate=settings.SIGN_IN_FAILURES_PER_ADDRESS, increment=failed
    )


class ResetConfirmView(PasswordResetConfirmView):
    """A new password set from the emailed link also lifts the sign-in lockout of that account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response
