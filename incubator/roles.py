"""The portal's roles. Each is a Django Group (created by a data migration); object-level rules live in each
app's permissions.py."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARK_STAFF = "park_staff", _("Park staff")
    PARTY_STAFF = "party_staff", _("Party-building staff")
    APPLICANT = "applicant", _("Applicant organization member")
    EXPERT = "expert", _("Expert reviewer")
    INSTRUCTOR = "instructor", _("Party-building instructor")


STAFF_ROLES = (Role.PARK_STAFF, Role.PARTY_STAFF)


def require_role(user, *roles):
    """The one gate of every app's pages for a role (park staff, party staff). Someone signed in without the
    role is refused with 403, the error page saying in Chinese that the page is not for them: these pages are no
    secret (their addresses are the same in every park), so nothing is gained by pretending they do not exist.
    404 stays for records a role may not know of (another organization's application, a conflicted review)."""
    if not (user.is_authenticated and any(user.has_role(role) for role in roles)):
        raise PermissionDenied


def role_required(*roles):
    """A view for `roles` only: signed out, sign in first; signed in without the role, require_role's 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def holders(role):
    """The active accounts holding `role`: whom a role's reminders go to, whom a form offers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=role, is_active=True)
