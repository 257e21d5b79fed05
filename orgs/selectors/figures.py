"""The park's figures: registered organizations per 10,000 residents, over the years, and the annual report's
counts per site and category."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from incubator.models import ParkProfile, Site

from ..models import REGISTERED_TYPES, GovernmentBid, Organization


def per_ten_thousand(count, population):
    if not population:
        return None
    return (Decimal(count) * 10000 / Decimal(population)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def registered_density():
    """Banner-wide and per-site figures, in three queries (the profile, the counts per site, the sites)."""
    profile = ParkProfile.current()
    per_site = dict(
        Organization.objects.filter(registration_type__in=REGISTERED_TYPES)
        .order_by()
        .values_list("site")
        .annotate(n=Count("pk"))
    )
    banner_count = sum(per_site.values())
    sites = Site.objects.filter(is_active=True).order_by("order", "id")
    return {
        "profile": profile,
        "registered": banner_count,
        "population": profile.banner_population,
        "per_10k": per_ten_thousand(banner_count, profile.banner_population),
        "sites": [
            {
                "site": s,
                "registered": per_site.get(s.pk, 0),
                "residents": s.residents,
                "per_10k": per_ten_thousand(per_site.get(s.pk, 0), s.residents),
            }
            for s in sites
        ],
    }


def registered_by_year(site=None):
    """Registered organizations counted per registration year (the record's creation year when the date is
    unknown), as {year: n}, in one query: the dashboard's density over time."""
    qs = Organization.objects.filter(registration_type__in=REGISTERED_TYPES)
    if site:
        qs = qs.filter(site=site)
    rows = (
        qs.annotate(year=Coalesce(ExtractYear("registered_on"), ExtractYear("created_at")))
        .order_by()
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def annual_figures(year):
    """Per (site id, category): organizations taken in, incubated (in the shell some time in the year), exited,
    and government-service bids won (count and amount) in `year`. Two queries."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    in_shell_during = Q(
        incubation__admitted_on__lte=end, incubation__in_shell_until__gte=start, incubation__admitted_on__isnull=False
    ) & (Q(incubation__exited_on__isnull=True) | Q(incubation__exited_on__gte=start))
    rows = (
        Organization.objects.order_by()
        .values("site", "category")
        .annotate(
            taken_in=Count("pk", filter=Q(incubation__admitted_on__range=(start, end))),
            incubated=Count("pk", filter=in_shell_during),
            exited=Count("pk", filter=Q(incubation__exited_on__range=(start, end))),
        )
    )
    figures = {(r["site"], r["category"]): dict(r) for r in rows}
    bids = (
        GovernmentBid.objects.filter(result=GovernmentBid.Result.WON, submitted_on__range=(start, end))
        .order_by()
        .values("organization__site", "organization__category")
        .annotate(n=Count("pk"), amount=Sum("amount"))
    )
    for b in bids:
        row = figures.setdefault((b["organization__site"], b["organization__category"]), {})
        row.update(bids_won=b["n"], bids_amount=b["amount"])
    return figures
