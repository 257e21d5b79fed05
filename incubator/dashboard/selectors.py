"""The dashboard's figures, read from each app's selectors. A fixed number of queries whatever the data size:
every figure is a database aggregate, never a loop over rows."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from incubator.models import Site
from orgs import selectors as orgs
from orgs.models import Evaluation, Organization
from orgs.models.incubation import ACTIVE_STAGES, Incubation, Stage
from partybuild import selectors as party
from venture import selectors as venture
from venture.models import ProgressReport, ProposalState


def _link(name, **params):
    params = {k: v for k, v in params.items() if v not in (None, "")}
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


def sites():
    return list(Site.objects.filter(is_active=True).order_by("order", "id"))


def density(site=None, year=None):
    """Registered organizations per 10,000 residents: over time (cumulative by registration year, Banner-wide
    or the chosen site's) and per site now."""
    figures = orgs.registered_density()
    profile = figures["profile"]
    by_year = orgs.registered_by_year(site)
    population = site.residents if site else profile.banner_population
    timeline, total = [], 0
    for y in sorted(by_year):
        total += by_year[y]
        if year and y > year:
            break
        timeline.append({"year": y, "registered": total, "per_10k": orgs.per_ten_thousand(total, population)})
    per_site = [row for row in figures["sites"] if not site or row["site"].pk == site.pk]
    for row in per_site:
        row["url"] = _link("orgs:organization_list", site=row["site"].pk)
    return {
        "registered": figures["registered"],
        "population": figures["population"],
        "per_10k": figures["per_10k"],
        "timeline": timeline,
        "sites": per_site,
        "url": _link("orgs:organization_list"),
    }


def pipeline(all_sites, site=None, year=None):
    """The funnel: per stage and site, how many organizations reached the stage and how many are there now, for
    incubations applied in `year` if given. Two queries."""
    qs = Organization.objects.filter(incubation__isnull=False)
    if site:
        qs = qs.filter(site=site)
    if year:
        qs = qs.filter(incubation__applied_on__year=year)
    reached, now = orgs.funnel(qs), orgs.pipeline(qs)
    shown = [s for s in all_sites if not site or s.pk == site.pk]
    site_id = site.pk if site else None
    applied = year or None
    rows = []
    for stage in orgs.PIPELINE_STAGES:
        cells = [
            {
                "count": reached.get(s.pk, {}).get(stage, 0),
                "now": now.get(s.pk, {}).get(stage, 0),
                "url": _link("orgs:organization_list", reached=stage, site=s.pk, applied=applied),
                "now_url": _link("orgs:organization_list", stage=stage, site=s.pk, applied=applied),
            }
            for s in shown
        ]
        rows.append(
            {
                "stage": stage,
                "label": Stage(stage).label,
                "cells": cells,
                "total": sum(c["count"] for c in cells),
                "total_now": sum(c["now"] for c in cells),
                "url": _link("orgs:organization_list", reached=stage, site=site_id, applied=applied),
                "now_url": _link("orgs:organization_list", stage=stage, site=site_id, applied=applied),
            }
        )
    return {"sites": shown, "rows": rows}


def occupancy(site=None):
    rows = [row for row in orgs.occupancy_by_site() if not site or row["site"].pk == site.pk]
    return {"rows": rows, "url": reverse("orgs:spaces")}


def money(year=None):
    rounds = []
    for r in venture.money_by_round(year):
        rounds.append(
            {
                "round": r,
                "pool": r.fund_pool,
                "awarded": r.awarded,
                "paid": r.paid,
                "remaining": r.fund_pool - r.awarded,
                "url": reverse("venture:staff_round", args=[r.pk]),
            }
        )
    counts = venture.proposals_per_state(year)
    steps = [
        {"state": s, "label": label, "count": counts.get(s, 0)}
        for s, label in ProposalState.choices
        if s != ProposalState.DRAFT
    ]
    return {"rounds": rounds, "steps": steps, "url": reverse("venture:staff_rounds")}


def party_figures(site=None):
    coverage = party.coverage()
    by_site = [c for c in coverage.by_site if not site or c.site.pk == site.pk]
    return {
        "coverage": coverage,
        "by_site": by_site,
        "branches": party.branch_counts(),
        "cases_url": reverse("partybuild:cases"),
        "structure_url": reverse("partybuild:structure"),
    }


def overdue(site=None, today=None):
    """What is late or falls due within the next seven days, each as a count with the list it counts."""
    today = today or timezone.localdate()
    week_end = today + timedelta(days=7)
    incubations = Incubation.objects.all()
    evaluations = Evaluation.objects.filter(status=Evaluation.Status.OPEN)
    reports = ProgressReport.objects.filter(submitted_at__isnull=True)
    if site:
        incubations = incubations.filter(organization__site=site)
        evaluations = evaluations.filter(organization__site=site)
        reports = reports.filter(proposal__organization__site=site)
    stages = incubations.aggregate(
        overdue=_count(Q(stage__in=ACTIVE_STAGES, stage_due_on__lt=today)),
        shell_ending=_count(Q(stage=Stage.IN_SHELL, in_shell_until__gte=today, in_shell_until__lte=week_end)),
    )
    scores = evaluations.aggregate(
        late=_count(Q(due_on__lt=today)), due=_count(Q(due_on__gte=today, due_on__lte=week_end))
    )
    report_counts = reports.aggregate(
        late=_count(Q(due_on__lt=today)), due=_count(Q(due_on__gte=today, due_on__lte=week_end))
    )
    site_id = site.pk if site else None
    return [
        {
            "label": "stage_overdue",
            "count": stages["overdue"],
            "url": _link("orgs:organization_list", overdue="true", site=site_id),
        },
        {
            "label": "shell_ending",
            "count": stages["shell_ending"],
            "url": _link("orgs:organization_list", stage=Stage.IN_SHELL, site=site_id),
        },
        {"label": "scores_late", "count": scores["late"], "url": reverse("orgs:board")},
        {"label": "scores_due", "count": scores["due"], "url": reverse("orgs:board")},
        {"label": "reports_late", "count": report_counts["late"], "url": reverse("venture:staff_rounds")},
        {"label": "reports_due", "count": report_counts["due"], "url": reverse("venture:staff_rounds")},
    ]


def _count(condition):
    return Count("pk", filter=condition)
