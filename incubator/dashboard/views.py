from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator import jobs

from . import figures, report
from .forms import DashboardFilter, ReportYear


@login_required
def dashboard(request):
    user = request.user
    if not figures.may_see(user):
        raise PermissionDenied
    form = DashboardFilter(request.GET or None)
    site = year = None
    if form.is_valid():
        site, year = form.cleaned_data["site"], form.cleaned_data["year"]
    context = {"form": form, "site": site, "year": year, "park": user.is_park_staff}
    context.update(figures.gather(user, site, year))
    return render(request, "dashboard/dashboard.html", context)


@login_required
@require_POST
def dashboard_excel(request):
    """The figures as filtered on the page, one sheet per chart, built in Celery."""
    if not figures.may_see(request.user):
        raise PermissionDenied
    form = DashboardFilter(request.POST)
    site = year = None
    if form.is_valid():
        site, year = form.cleaned_data["site"], form.cleaned_data["year"]
    job = jobs.start(
        request.user,
        "dashboard.figures",
        _("Dashboard figures (Excel)"),
        site=site.pk if site else None,
        year=year,
    )
    return redirect("job_detail", pk=job.pk)


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
