from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from incubator import jobs
from incubator.models import Site

from . import report, selectors

OVERDUE_LABELS = {
    "stage_overdue": gettext_lazy("Incubation stages past their due date"),
    "shell_ending": gettext_lazy("In-shell periods ending within seven days"),
    "scores_late": gettext_lazy("Stage evaluations with scores overdue"),
    "scores_due": gettext_lazy("Stage evaluations with scores due within seven days"),
    "reports_late": gettext_lazy("Venture progress reports overdue"),
    "reports_due": gettext_lazy("Venture progress reports due within seven days"),
}


class DashboardFilter(forms.Form):
    site = forms.ModelChoiceField(
        label=gettext_lazy("Site"),
        queryset=Site.objects.filter(is_active=True).order_by("order", "id"),
        required=False,
        empty_label=gettext_lazy("All sites"),
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in range(this_year, 2012, -1)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


@login_required
def dashboard(request):
    user = request.user
    if not (user.is_park_staff or user.is_party_staff):
        raise PermissionDenied
    form = DashboardFilter(request.GET or None)
    site = year = None
    if form.is_valid():
        site, year = form.cleaned_data["site"], form.cleaned_data["year"]
    context = {"form": form, "site": site, "year": year, "park": user.is_park_staff}
    charts = {}
    if user.is_park_staff:
        all_sites = selectors.sites()
        density = selectors.density(site, year)
        pipeline = selectors.pipeline(all_sites, site, year)
        occupancy = selectors.occupancy(site)
        money = selectors.money(year)
        overdue = selectors.overdue(site)
        for item in overdue:
            item["label"] = OVERDUE_LABELS[item["label"]]
        context.update(density=density, pipeline=pipeline, occupancy=occupancy, money=money, overdue=overdue)
        charts.update(_park_charts(density, pipeline, occupancy, money))
    party = selectors.party_figures(site)
    context["party"] = party
    charts.update(_party_charts(party))
    context["charts"] = charts
    return render(request, "dashboard/dashboard.html", context)


def _num(value):
    return float(value) if value is not None else None


def _park_charts(density, pipeline, occupancy, money):
    return {
        "density_time": {
            "type": "line",
            "labels": [row["year"] for row in density["timeline"]],
            "datasets": [
                {"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["timeline"]]}
            ],
        },
        "density_site": {
            "type": "bar",
            "labels": [str(row["site"]) for row in density["sites"]],
            "datasets": [{"label": _("Per 10,000 residents"), "data": [_num(r["per_10k"]) for r in density["sites"]]}],
        },
        "pipeline": {
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
            "type": "bar",
            "stacked": True,
            "labels": [str(row["site"]) for row in occupancy["rows"]],
            "datasets": [
                {"label": _("Held"), "data": [row["held"] for row in occupancy["rows"]]},
                {"label": _("Free"), "data": [row["total"] - row["held"] for row in occupancy["rows"]]},
            ],
        },
        "money": {
            "type": "bar",
            "labels": [r["round"].title for r in money["rounds"]],
            "datasets": [
                {"label": _("Pool"), "data": [_num(r["pool"]) for r in money["rounds"]]},
                {"label": _("Awarded"), "data": [_num(r["awarded"]) for r in money["rounds"]]},
                {"label": _("Paid"), "data": [_num(r["paid"]) for r in money["rounds"]]},
                {"label": _("Remaining"), "data": [_num(r["remaining"]) for r in money["rounds"]]},
            ],
        },
        "proposals": {
            "type": "bar",
            "horizontal": True,
            "labels": [str(s["label"]) for s in money["steps"]],
            "datasets": [{"label": _("Proposals"), "data": [s["count"] for s in money["steps"]]}],
        },
    }


def _party_charts(party):
    return {
        "coverage": {
            "type": "bar",
            "stacked": True,
            "labels": [str(c.site) for c in party["by_site"]],
            "datasets": [
                {"label": _("Covered"), "data": [c.covered for c in party["by_site"]]},
                {"label": _("Not covered"), "data": [c.cases - c.covered for c in party["by_site"]]},
            ],
        },
        "branches": {
            "type": "doughnut",
            "labels": [str(b["label"]) for b in party["branches"]],
            "datasets": [{"label": _("Party organizations"), "data": [b["count"] for b in party["branches"]]}],
        },
    }


class ReportYear(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, 2012, -1)]
        self.fields["year"].widget.attrs["class"] = "form-select form-select-sm"


def _park_staff_only(user):
    if not user.is_park_staff:
        raise PermissionDenied


@login_required
def annual(request):
    _park_staff_only(request.user)
    form = ReportYear(request.GET or {"year": timezone.localdate().year - 1})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year - 1
    context = {"form": form, "report": report.annual_report(year), "columns": report.columns(), "year": year}
    return render(request, "dashboard/annual.html", context)


@login_required
@require_POST
def annual_excel(request):
    _park_staff_only(request.user)
    form = ReportYear(request.POST)
    if not form.is_valid():
        return redirect("dashboard:annual")
    year = form.cleaned_data["year"]
    title = _("Annual report %(year)s (Excel)") % {"year": year}
    job = jobs.start(request.user, "dashboard.annual_report", title, year=year)
    return redirect("job_detail", pk=job.pk)
