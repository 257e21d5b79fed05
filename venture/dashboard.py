"""What venture shows on the staff dashboard and in the annual report (incubator.protocol): money per round,
proposals per step, and progress reports overdue or due. A fixed number of queries whatever the data size."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import ProgressReport, ProposalState

REPORT_COLUMNS = [
    ("awarded", gettext_lazy("Venture money awarded (yuan)"), True),
    ("paid", gettext_lazy("Venture money paid (yuan)"), True),
    ("beneficiaries", gettext_lazy("Beneficiaries reached"), False),
]


def gather(user, site=None, year=None):
    if not user.is_park_staff:
        return None
    figures = money(year)
    return {"money": figures, "overdue": overdue(site), "charts": _charts(figures)}


def money(year=None):
    rounds = [
        {
            "round": r,
            "pool": r.fund_pool,
            "awarded": r.committed,
            "paid": r.paid,
            "remaining": r.uncommitted,
            "url": reverse("venture:staff_round", args=[r.pk]),
        }
        for r in selectors.money_by_round(year)
    ]
    counts = selectors.proposals_per_state(year)
    steps = [
        {"state": s, "label": label, "count": counts.get(s, 0)}
        for s, label in ProposalState.choices
        if s != ProposalState.DRAFT
    ]
    return {"rounds": rounds, "steps": steps, "url": reverse("venture:staff_rounds")}


def overdue(site=None, today=None):
    today = today or timezone.localdate()
    week_end = today + timedelta(days=7)
    reports = ProgressReport.objects.filter(submitted_at__isnull=True)
    if site:
        reports = reports.filter(proposal__organization__site=site)
    counts = reports.aggregate(
        late=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week_end)),
    )
    rounds = reverse("venture:staff_rounds")
    return [
        {"label": gettext_lazy("Venture progress reports overdue"), "count": counts["late"], "url": rounds},
        {
            "label": gettext_lazy("Venture progress reports due within seven days"),
            "count": counts["due"],
            "url": rounds,
        },
    ]


def _num(value):
    return float(value) if value is not None else None


def _charts(money):
    return {
        "money": {
            "title": _("Venture money per round"),
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
            "title": _("Proposals per step"),
            "type": "bar",
            "horizontal": True,
            "labels": [str(s["label"]) for s in money["steps"]],
            "datasets": [{"label": _("Proposals"), "data": [s["count"] for s in money["steps"]]}],
        },
    }
