"""Spaces about half held, and the services log and government bids of the organizations in the park."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from incubator.demo import upsert

from ..models import (
    GovernmentBid,
    ServiceEntry,
    Space,
    SpaceAllocation,
    Stage,
)


def spaces(sites, holders, staff):
    """Four spaces per site; about half held by the site's organizations in the shell or resident."""
    today = timezone.localdate()
    by_site = {}
    for organization in holders:
        by_site.setdefault(organization.site_id, []).append(organization)
    for site in sites:
        spaces = []
        for name, kind in [("101办公室", Space.Kind.OFFICE), ("102办公室", Space.Kind.OFFICE),
                           ("共享工位A", Space.Kind.WORKSTATION), ("投影仪", Space.Kind.EQUIPMENT)]:  # fmt: skip
            space, _created = upsert(Space, site=site, name=name, defaults={"kind": kind})
            spaces.append(space)
        for space, organization in zip(spaces[:2], by_site.get(site.pk, []), strict=False):
            if not space.allocations.filter(released_on__isnull=True).exists():
                SpaceAllocation.objects.create(
                    space=space, organization=organization, allocated_on=today - timedelta(days=60), allocated_by=staff
                )


def services_log(organization, stage, staff, index):
    if organization.service_entries.exists():
        return
    today = timezone.localdate()
    kinds = (
        [ServiceEntry.Kind.ADMINISTRATION, ServiceEntry.Kind.CAPACITY_BUILDING, ServiceEntry.Kind.SERVICE_EVALUATION]
        if stage == Stage.RESIDENT
        else [ServiceEntry.Kind.COACHING, ServiceEntry.Kind.RESOURCE_MATCHING, ServiceEntry.Kind.PROJECT_SUPPORT]
    )
    if stage == Stage.FOLLOW_UP:
        kinds.append(ServiceEntry.Kind.GOVERNMENT_BID)
    ServiceEntry.objects.bulk_create(
        ServiceEntry(
            organization=organization,
            kind=kind,
            on=today - timedelta(days=7 * (j + 1) + index % 5),
            staff=staff,
            hours=Decimal(2 + j),
            notes="演示记录",
        )
        for j, kind in enumerate(kinds)
    )
    if stage == Stage.FOLLOW_UP:
        GovernmentBid.objects.create(
            organization=organization,
            purchaser="伊金霍洛旗民政局",
            project="社区居家养老助餐服务" if "助餐" in organization.name else "社区公益服务项目",
            amount=Decimal("120000.00") if "助餐" in organization.name else Decimal("50000.00"),
            submitted_on=today - timedelta(days=40),
            result=GovernmentBid.Result.WON if index % 2 == 0 else GovernmentBid.Result.PENDING,
            recorded_by=staff,
        )
