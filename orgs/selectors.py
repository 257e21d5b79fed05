"""What each role may see of organizations. Every list, detail, export and download goes through here."""

from django.db.models import Q

from .models import Membership, Organization


def membership_of(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("organization").filter(user=user).first()


def organization_of(user):
    """The organization an applicant speaks for, once staff have confirmed the account."""
    membership = membership_of(user)
    return membership.organization if membership and membership.is_confirmed else None


def organizations_visible_to(user):
    qs = Organization.objects.select_related("site")
    if user.is_authenticated and (user.is_park_staff or user.is_party_staff):
        return qs
    organization = organization_of(user)
    return qs.filter(pk=organization.pk) if organization else qs.none()


def directory():
    """The public directory: only organizations that agreed to be listed."""
    return Organization.objects.select_related("site").filter(publish_in_directory=True)


def conflicted_organization_ids(user):
    """Organizations an expert must recuse from: declared ties plus the expert's own organization."""
    ids = set()
    if not user.is_authenticated:
        return ids
    ids.update(
        Organization.objects.filter(Q(tied_experts__user=user) | Q(memberships__user=user)).values_list("pk", flat=True)
    )
    return ids


def pending_memberships():
    return Membership.objects.select_related("user", "organization", "organization__site").filter(
        confirmed_at__isnull=True
    )
