"""Who speaks for which organization, what each role may see of the registry, and the accounts staff confirm."""

from django.db.models import Q
from django_fsm import can_proceed

from incubator.models import User
from incubator.roles import Role, holders

from ..models import Application, Incubation, Membership, Organization, OrganizationDocument


def membership_of(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("organization").filter(user=user).first()


def organization_of(user):
    """The organization an applicant speaks for, once staff have confirmed the account."""
    membership = membership_of(user)
    return membership.organization if membership and membership.is_confirmed else None


def confirmed_applicants_by_organization(organization_ids):
    """The accounts that speak for each organization, in one query: applicant accounts staff confirmed for it that
    are still active (who is told about the organization's records). {organization id: [users]}"""
    result = {pk: [] for pk in organization_ids}
    users = User.objects.filter(
        membership__organization_id__in=result, membership__confirmed_at__isnull=False, is_active=True
    ).select_related("membership")
    for user in users.order_by("pk"):
        result[user.membership.organization_id].append(user)
    return result


def confirmed_applicants_of(organization_id):
    """The accounts that speak for one organization (see confirmed_applicants_by_organization)."""
    return confirmed_applicants_by_organization([organization_id])[organization_id]


def organizations_visible_to(user):
    qs = Organization.objects.select_related("site")
    if user.is_authenticated and (user.is_park_staff or user.is_party_staff):
        return qs
    organization = organization_of(user)
    return qs.filter(pk=organization.pk) if organization else qs.none()


def directory():
    """The public directory: only organizations that agreed to be listed."""
    return Organization.objects.select_related("site").filter(publish_in_directory=True)


def directory_entries(q="", category="", site=None):
    """Listed organizations the park has taken in (admitted to the shell or as residents)."""
    qs = (
        directory()
        .filter(incubation__admitted_on__isnull=False)
        .only("name", "short_name", "category", "services", "site__name")
        .order_by("site__order", "name")
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(services__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if site:
        qs = qs.filter(site=site)
    return qs


def park_staff_members():
    return holders(Role.PARK_STAFF).order_by("full_name", "username")


def pending_memberships():
    """Applicant accounts waiting for staff, oldest first (one query)."""
    return (
        Membership.objects.select_related("user", "organization", "organization__site")
        .filter(confirmed_at__isnull=True)
        .order_by("requested_at", "pk")
    )


def recently_confirmed_memberships(limit=20):
    return (
        Membership.objects.select_related("user", "organization", "confirmed_by")
        .filter(confirmed_at__isnull=False)
        .order_by("-confirmed_at")[:limit]
    )


def documents_visible_to(user):
    return OrganizationDocument.objects.filter(organization__in=organizations_visible_to(user))


def application_of(organization):
    """The organization's latest application to the park (its draft in progress, or the last one submitted), or
    None before its first draft."""
    return Application.objects.filter(organization=organization).select_related("call").first()


def may_apply(organization):
    """The organization may apply: it is not on its way through the park now (its incubation, if any, may start
    again at 项目申请)."""
    incubation = Incubation.objects.filter(organization=organization).first()
    return incubation is None or can_proceed(incubation.apply_again)


def organizations_named(ids):
    """The organizations of a list of ids (e.g. the ties an expert's pending change names)."""
    return Organization.objects.filter(pk__in=ids)


def history_of(record, limit=20):
    """The newest changes of a record kept by django-simple-history, with who made them."""
    return record.history.select_related("history_user")[:limit]
