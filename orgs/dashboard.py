"""What orgs shows on the staff dashboard and in the annual report (incubator.protocol): the register's density,
the incubation funnel, space occupancy and what is overdue. A fixed number of queries whatever the data size:
every figure is a database aggregate, never a loop over rows."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.models import Site

from . import selectors
from .models import Category, Evaluation, Organization
from .models.incubation import Incubation, Stage

REPORT_COLUMNS = [
    ("taken_in", gettext_lazy("Taken in"), False),
    ("incubated", gettext_lazy("Incubated in the shell"), False),
    ("exited", gettext_lazy("Exited the shell"), False),
    ("bids_won", gettext_lazy("Government service bids won"), False),
    ("bids_amount", gettext_lazy("Bids won (yuan)"), True),
]


def report_rows():
    """The annual report's rows within a site: the fields of work."""
    return list(Category.choices)


def _link(name, **params):
    params = {k: v for k, v in params.items() if v not in (None, "")}
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


def gather(user, site=None, year=None):
    if not user.is_park_staff:
        return None
    all_sites = list(Site.objects.filter(is_active=True).order_by("order", "id"))
    density_figures = density(site, year)
    pipeline_figures = pipeline(all_sites, site, year)
    occupancy_figures = occupancy(site)
    return {
        "density": density_figures,
        "pipeline": pipeline_figures,
        "occupancy": occupancy_figures,
        "overdue": overdue(site),
        "charts": _charts(density_figures, pipeline_figures, occupancy_figures),
    }


def density(site=None, year=None):
    """Registered organizations per 10,000 residents: over time (cumulative by registration year, Banner-wide
    or the chosen site's) and per site now."""
    figures = selectors.registered_density()
    profile = figures["profile"]
    by_year = selectors.registered_by_year(site)
    population = site.residents if site else profile.banner_population
    timeline, total = [], 0
    for y in sorted(by_year):
        total += by_year[y]
        if year and y > year:
            break
        timeline.append({"year": y, "registered": total, "per_10k": selectors.per_ten_thousand(total, population)})
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
    reached, now = selectors.funnel(qs), selectors.pipeline(qs)
    shown = [s for s in all_sites if not site or s.pk == site.pk]
    site_id = site.pk if site else None
    applied = year or None
    rows = []
    for stage in Stage.pipeline():
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
    rows = [row for row in selectors.occupancy_by_site() if not site or row["site"].pk == site.pk]
    return {"rows": rows, "url": reverse("orgs:spaces")}


def overdue(site=None, today=None):
    """What is late or falls due within the next seven days, each as a count with the list it counts."""
    today = today or timezone.localdate()
    week_end = today + timedelta(days=7)
    incubations = Incubation.objects.all()
    evaluations = Evaluation.objects.filter(status=Evaluation.Status.OPEN)
    if site:
        incubations = incubations.filter(organization__site=site)
        evaluations = evaluations.filter(organization__site=site)
    stages = incubations.aggregate(
        overdue=Count("pk", filter=Q(stage__in=Stage.active(), stage_due_on__lt=today)),
        shell_ending=Count(
            "pk", filter=Q(stage=Stage.IN_SHELL, in_shell_until__gte=today, in_shell_until__lte=week_end)
        ),
    )
    scores = evaluations.aggregate(
        late=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week_end)),
    )
    site_id = site.pk if site else None
    board = reverse("orgs:board")
    return [
        {
            "label": gettext_lazy("Incubation stages past their due date"),
            "count": stages["overdue"],
            "url": _link("orgs:organization_list", overdue="true", site=site_id),
        },
        {
            "label": gettext_lazy("In-shell periods ending within seven days"),
            "count": stages["shell_ending"],
            "url": _link("orgs:organization_list", stage=Stage.IN_SHELL, site=site_id),
        },
        {"label": gettext_lazy("Stage evaluations with scores overdue"), "count": scores["late"], "url": board},
        {
            "label": gettext_lazy("Stage evaluations with scores due within seven days"),
            "count": scores["due"],
            "url": board,
        },
    ]


def _num(value):
    return float(value) if value is not None else None


def _charts(density, pipeline, occupancy):
    return {
        "density_time": {
            "title": _("Per 10,000 residents over time"),
            "type": "line",
            "labels": [row["year"] for row in density["timeline"]],
            "datasets": [
                {"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["timeline"]]}
            ],
        },
        "density_site": {
            "title": _("Per 10,000 residents per site"),
            "type": "bar",
            "labels": [str(row["site"]) for row in density["sites"]],
            "datasets": [{"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["sites"]]}],
        },
        "pipeline": {
            "title": _("Incubation funnel: organizations that reached each stage"),
            "type": "bar",
            "horizontal": True,
            "stacked": True,
            "labels": [str(row["label"]) for row in pipeline["rows"]],
            "datasets": [
                {"label": str(site), "data": [row["cells"][i]["count"] for row in pipeline["rows"]]}
                for i, site in enumerate(pipeline["sites"])
            ],
        },
        "occupancy": {
            "title": _("Space occupancy"),
            "type": "bar",
            "stacked": True,
            "labels": [str(row["site"]) for row in occupancy["rows"]],
            "datasets": [
                {"label": _("Held"), "data": [row["held"] for row in occupancy["rows"]]},
                {"label": _("Free"), "data": [row["total"] - row["held"] for row in occupancy["rows"]]},
            ],
        },
    }
