from django.contrib.auth import get_user_model
from django.db.models import Q

from ..roles import STAFF_ROLES

# Staff sign in with two factors and recover through their own email or the administrator: a staff member
# who could issue a link for another staff account could take it over.
MOST_FOUND = 20


def accounts_staff_may_reset():
    """Active accounts that are not staff, administrators or superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .exclude(groups__name__in=STAFF_ROLES)
    )


def accounts_matching(query):
    """The accounts a park staff member may reset whose login, name or phone contains `query`, at most 20."""
    query = query.strip()
    if not query:
        return get_user_model().objects.none()
    return (
        accounts_staff_may_reset()
        .filter(Q(username__icontains=query) | Q(full_name__icontains=query) | Q(phone__icontains=query))
        .order_by("full_name", "username")[:MOST_FOUND]
    )
