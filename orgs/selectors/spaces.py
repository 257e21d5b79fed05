"""Spaces and equipment: what is free, who holds what, how full each site is."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from incubator.models import Site

from ..models import Space, SpaceAllocation


def free_spaces(site=None):
    held = SpaceAllocation.objects.filter(space=OuterRef("pk"), released_on__isnull=True)
    qs = Space.objects.filter(is_active=True).exclude(Exists(held)).select_related("site")
    return qs.filter(site=site) if site else qs


def occupancy_by_site():
    """Per active site: spaces, held, free and the share held."""
    sites = (
        Site.objects.filter(is_active=True)
        .order_by("order", "id")
        .annotate(
            spaces_total=Count("spaces", filter=Q(spaces__is_active=True), distinct=True),
            spaces_held=Count(
                "spaces__allocations",
                filter=Q(spaces__is_active=True, spaces__allocations__released_on__isnull=True),
                distinct=True,
            ),
        )
    )
    result = []
    for site in sites:
        share = round(100 * site.spaces_held / site.spaces_total) if site.spaces_total else None
        result.append({"site": site, "total": site.spaces_total, "held": site.spaces_held, "share": share})
    return result


def spaces_with_holders():
    current = SpaceAllocation.objects.filter(released_on__isnull=True).select_related("organization")
    return (
        Space.objects.filter(is_active=True)
        .select_related("site")
        .prefetch_related(Prefetch("allocations", current, to_attr="current"))
    )


def allocations():
    return SpaceAllocation.objects.select_related("organization")
