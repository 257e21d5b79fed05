"""Object-level rules of the orgs app, in one place."""

from django.core.exceptions import PermissionDenied

from .selectors import organization_of


def require_staff(user):
    if not user.is_park_staff:
        raise PermissionDenied


def require_member(user, organization):
    """The user speaks for `organization` (a confirmed applicant account)."""
    if organization_of(user) != organization:
        raise PermissionDenied


def require_assigned_expert(user, assignment):
    if not (user.is_expert and assignment.expert_id == user.pk and assignment.is_active):
        raise PermissionDenied
