"""django-axes, which locks an account's sign-in after repeated failures, as the administration shows it.

Its app has no translatable name, and neither django-axes nor Django's admin index (the column captions read
to screen readers) ships Chinese for the strings below; listed here, they come into the portal's own catalog,
which takes precedence over theirs."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class LockoutConfig(AppConfig):
    verbose_name = _("Sign-in lockouts")


CATALOG = (
    gettext_noop("access attempts"),
    gettext_noop("access failures"),
    gettext_noop("access logs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)
