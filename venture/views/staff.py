"""The park staff's workbench for a round: screening, assignment, aggregated review, ranking and
allocation, the announcement and its objections, agreements and tranches, and funded projects."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator import jobs, scoring
from incubator.roles import Role, holders
from orgs import sheets as score_sheets
from orgs.pool_forms import DrawForm

from .. import selectors, services
from ..aggregation import aggregate
from ..exports import ROUND_EXPORT_TITLES, ROUND_EXPORTS
from ..forms import (
    AssignForm,
    AwardForm,
    CoachingForm,
    EvaluationExpertsForm,
    HandleObjectionForm,
    PaymentForm,
    ReasonForm,
    ScheduleReportForm,
    ScreeningForm,
    SignForm,
    apply_errors,
)
from ..models import (
    Assignment,
    BonusItem,
    Objection,
    Proposal,
    ProposalState,
    PublicScore,
    Review,
    ReviewKind,
    Round,
    Tranche,
)
from ..permissions import is_staff
from .applicant import proposal_page

S = ProposalState
# Every state from the expert review on.
REVIEWED = [
    S.IN_REVIEW,
    S.RANKED,
    S.PROPOSED,
    S.ANNOUNCED,
    S.AWARDED,
    S.DECLINED,
    S.SIGNED,
    S.IN_PROGRESS,
    S.MIDTERM_PASSED,
    S.MIDTERM_FAILED,
    S.FINAL_EVALUATED,
    S.CLOSED,
]


def staff_only(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _experts():
    return holders(Role.EXPERT).order_by("username")


def _do(request, action, *args, success, **kwargs):
    """Run a service from a button; its refusal becomes a message on the page."""
    try:
        result = action(request.user, *args, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    messages.success(request, success)
    return result


def _back(request, fallback):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/venture/") else fallback)


@staff_only
def rounds(request):
    return render(request, "venture/staff_rounds.html", {"rounds": selectors.rounds_for_staff()})


@staff_only
def round_detail(request, pk):
    round_ = get_object_or_404(selectors.rounds_for_staff(), pk=pk)
    counts = dict(
        Proposal.objects.filter(round=round_).values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    states = [(label, counts.get(value, 0), value) for value, label in S.choices]
    return render(
        request,
        "venture/staff_round.html",
        {
            "round": round_,
            "states": states,
            "money": selectors.money_summary(round_),
            "open_objections": Objection.objects.filter(round=round_, outcome=Objection.Outcome.OPEN).count(),
            "exports": ROUND_EXPORT_TITLES.items(),
        },
    )


@staff_only
def screening(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    proposals = (
        selectors.round_proposals(round_)
        .filter(state__in=[S.SUBMITTED, S.RETURNED, S.REJECTED, S.SCREENED])
        .order_by("state", "number")
    )
    return render(request, "venture/staff_screening.html", {"round": round_, "proposals": proposals})


@staff_only
def screen(request, pk):
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.screen(request.user, proposal, **{k: form.cleaned_data[k] for k in form.cleaned_data})
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Screening recorded."))
            return redirect("venture:staff_screening", pk=proposal.round_id)
    return render(
        request,
        "venture/staff_screen.html",
        {"proposal": proposal, "form": form, "missing": services.missing_for_submission(proposal)},
    )


@staff_only
def assignment(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        made = _do(request, services.balanced_assignment, round_, success=_("Balanced assignment done."))
        if made is not None:
            new, short = made
            messages.info(request, _("%(n)s assignments made.") % {"n": len(new)})
            for proposal in short:
                messages.warning(
                    request, _("%(code)s: not enough experts without a conflict.") % {"code": proposal.code}
                )
        return redirect("venture:staff_assignment", pk=pk)
    proposals = list(
        selectors.round_proposals(round_).filter(state__in=[S.SCREENED, S.IN_REVIEW, S.RANKED]).order_by("number")
    )
    assignments = Assignment.objects.filter(proposal__round=round_, kind=ReviewKind.PROPOSAL).select_related(
        "expert", "review"
    )
    by_proposal = {}
    load = {}
    for a in assignments:
        by_proposal.setdefault(a.proposal_id, []).append(a)
        if a.conflict != Assignment.Conflict.CONFLICT:
            load[a.expert] = load.get(a.expert, 0) + 1
    rows = [(p, by_proposal.get(p.pk, [])) for p in proposals]
    return render(
        request,
        "venture/staff_assignment.html",
        {
            "round": round_,
            "rows": rows,
            "load": sorted(load.items(), key=lambda kv: kv[0].username),
            # One list of experts for every row's picker (a form field would query once per row).
            "experts": list(_experts()),
        },
    )


@staff_only
@require_POST
def assign_one(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = AssignForm(request.POST, experts=_experts())
    if form.is_valid():
        _do(request, services.assign_expert, proposal, form.cleaned_data["expert"], success=_("Expert assigned."))
    else:
        messages.error(request, _("Choose an expert."))
    return redirect("venture:staff_assignment", pk=proposal.round_id)


# The aggregated review lists a round's proposals fifty to a page, best panel result first.
REVIEW_PAGE_SIZE = 50


def _review_rows(round_, page_number):
    """The panel figures of every reviewed proposal, ordered by panel result (unreviewed last, by number) and
    ranked; then one page of them, whose proposals alone are read whole."""
    result = aggregate(round_)
    numbers = selectors.reviewed_proposal_numbers(round_, REVIEWED)
    rows = [
        {
            "pk": pk,
            "panel": result.panels.get(pk),
            "totals": result.totals.get(pk, {}),
            "z": result.z_scores.get(pk),
            "z_rank": result.z_rank.get(pk),
        }
        for pk in numbers
    ]
    rows.sort(key=lambda r: (r["panel"] is None, -(r["panel"].result if r["panel"] else 0), numbers[r["pk"]]))
    for raw_rank, row in enumerate((r for r in rows if r["panel"]), start=1):
        row["raw_rank"] = raw_rank
    page = Paginator(rows, REVIEW_PAGE_SIZE).get_page(page_number)
    proposals = selectors.proposals_by_pk(round_, [row["pk"] for row in page])
    for row in page:
        row["proposal"] = proposals[row["pk"]]
    experts = [(result.experts[pk], value) for pk, value in result.leniency.items()]
    return page, experts


@staff_only
def review(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        _do(request, services.close_review, round_, success=_("Review closed: proposals are ranked."))
        return redirect("venture:staff_review", pk=pk)
    page, experts = _review_rows(round_, request.GET.get("page"))
    pending = (
        Assignment.objects.filter(proposal__round=round_, kind=ReviewKind.PROPOSAL)
        .exclude(conflict=Assignment.Conflict.CONFLICT)
        .exclude(review__state=Review.State.SUBMITTED)
        .count()
    )
    return render(
        request,
        "venture/staff_review.html",
        {
            "round": round_,
            "page": page,
            "experts": sorted(experts, key=lambda e: e[1] or 0),
            "pending": pending,
            "trim_from": scoring.TRIM_FROM_PANEL_SIZE,
            "disagreement": scoring.DISAGREEMENT_SPREAD,
        },
    )


@staff_only
@require_POST
def reopen(request, pk):
    review_ = get_object_or_404(Review.objects.select_related("assignment"), pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        _do(request, services.reopen_review, review_, form.cleaned_data["reason"], success=_("Review reopened."))
    else:
        messages.error(request, _("Give the reason for reopening."))
        proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=review_.assignment.proposal_id)
        return proposal_page(request, proposal, True, reason_form=form, reopening=review_.pk)
    return redirect("venture:proposal", pk=review_.assignment.proposal_id)


@staff_only
def ranking(request, pk):
    return _ranking_page(request, get_object_or_404(Round, pk=pk))


def _ranking_page(request, round_, typed=None):
    """The ranking; `typed` ({"pk", "action", "form"}) shows a refused award or pass-over on its row again,
    with what staff typed and why it was refused."""
    proposals = list(selectors.ranking_rows(round_))
    running = 0
    rows = []
    for p in proposals:
        award = p.award if hasattr(p, "award") else None
        running += award.amount if award else 0
        rows.append({"proposal": p, "award": award, "running": running})
    money = selectors.money_summary(round_)
    return render(
        request,
        "venture/staff_ranking.html",
        {"round": round_, "rows": rows, "money": money, "typed": typed or {}},
    )


@staff_only
@require_POST
def award(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    action = request.POST.get("action")
    if action == "cancel":
        _do(request, services.cancel_award, proposal, success=_("Award cancelled."))
        return redirect("venture:staff_ranking", pk=proposal.round_id)
    if action == "pass":
        form = ReasonForm(request.POST)
        done = form.is_valid() and _do(
            request, services.pass_over, proposal, form.cleaned_data["reason"], success=_("Passed over.")
        )
        if not form.is_valid():
            messages.error(request, _("Give the reason for not funding this proposal."))
    else:
        form = AwardForm(request.POST)
        done = form.is_valid() and _do(
            request,
            services.award,
            proposal,
            form.cleaned_data["amount"],
            form.cleaned_data["reason"],
            success=_("Award proposed."),
        )
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    if done is None or done is False:
        # Refused: the ranking again, with what was typed on this proposal's row.
        round_ = get_object_or_404(Round, pk=proposal.round_id)
        return _ranking_page(
            request, round_, {"pk": proposal.pk, "action": "pass" if action == "pass" else "award", "form": form}
        )
    return redirect("venture:staff_ranking", pk=proposal.round_id)


@staff_only
@require_POST
def publish(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    _do(request, services.publish_announcement, round_, success=_("Announcement published."))
    return redirect("venture:staff_objections", pk=pk)


def _objections_page(request, round_, handling=None):
    """The announcement's objections, each open one with its handling form; `handling` is (objection id,
    form) just posted with errors, shown with what was typed."""
    objections = list(selectors.objections_of(round_))
    for objection in objections:
        objection.form = handling[1] if handling and handling[0] == objection.pk else HandleObjectionForm()
    context = {"round": round_, "objections": objections, "announced": selectors.announced_proposals(round_)}
    return render(request, "venture/staff_objections.html", context)


@staff_only
def objections(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if request.method == "POST":
        _do(request, services.finalize_awards, round_, success=_("Awards are final; agreements are open."))
        return redirect("venture:staff_objections", pk=pk)
    return _objections_page(request, round_)


@staff_only
@require_POST
def handle_objection(request, pk):
    objection = get_object_or_404(Objection.objects.select_related("round"), pk=pk)
    form = HandleObjectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.handle_objection(request.user, objection, data["outcome"], data["handling"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Handling recorded."))
            return redirect("venture:staff_objections", pk=objection.round_id)
    return _objections_page(request, objection.round, (objection.pk, form))


@staff_only
def agreements(request, pk):
    return _agreements_page(request, get_object_or_404(Round, pk=pk))


def _agreements_page(request, round_, typed=None):
    """The agreements; `typed` ({"sign": agreement pk} or {"pay": tranche pk}, with "data") shows a refused
    signing or payment again with what staff typed."""
    return render(
        request,
        "venture/staff_agreements.html",
        {
            "round": round_,
            "agreements": selectors.agreements_of(round_),
            "money": selectors.money_summary(round_),
            "typed": typed or {},
        },
    )


@staff_only
@require_POST
def sign(request, pk):
    from ..models import Agreement

    agreement = get_object_or_404(Agreement.objects.select_related("award__round"), pk=pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the signing date."))
    elif _do(
        request, services.sign_agreement, agreement, form.cleaned_data["signed_on"], success=_("Agreement signed.")
    ):
        return redirect("venture:staff_agreements", pk=agreement.award.round_id)
    return _agreements_page(request, agreement.award.round, {"sign": agreement.pk, "data": request.POST})


@staff_only
@require_POST
def pay(request, pk):
    tranche = get_object_or_404(Tranche.objects.select_related("agreement__award__round"), pk=pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the payment date and amount."))
    elif _do(
        request,
        services.record_payment,
        tranche,
        form.cleaned_data["paid_on"],
        form.cleaned_data["amount"],
        success=_("Payment recorded."),
    ):
        return redirect("venture:staff_agreements", pk=tranche.agreement.award.round_id)
    return _agreements_page(request, tranche.agreement.award.round, {"pay": tranche.pk, "data": request.POST})


@staff_only
def projects(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    running = [S.SIGNED, S.IN_PROGRESS, S.MIDTERM_PASSED, S.MIDTERM_FAILED, S.FINAL_EVALUATED, S.CLOSED]
    proposals = (
        selectors.round_proposals(round_)
        .filter(state__in=running)
        .annotate(
            reports_due=Count("reports", filter=Q(reports__submitted_at__isnull=True)),
            reports_done=Count("reports", filter=Q(reports__submitted_at__isnull=False)),
        )
        .order_by("rank")
    )
    return render(request, "venture/staff_projects.html", {"round": round_, "proposals": proposals})


def staff_proposal_context(request, proposal, **bound):
    """The staff panels on a proposal's page: reviews, evaluations, reports and coaching (a form in `bound`,
    posted with errors, replaces its blank one)."""
    reviews = (
        Review.objects.filter(assignment__proposal=proposal)
        .select_related("assignment__expert")
        .prefetch_related("scores__criterion")
    )
    return {
        "reviews": reviews,
        "assignments": proposal.assignments.select_related("expert"),
        "coaching": proposal.coaching.select_related("by"),
        "coaching_form": CoachingForm(),
        "schedule_form": ScheduleReportForm(),
        "evaluation_form": EvaluationExpertsForm(experts=_experts()),
        "reason_form": ReasonForm(),
        "open_form": next(iter(bound), None),
    } | bound


@staff_only
@require_POST
def project_action(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk)
    action = request.POST.get("action")
    forms_by_action = {
        "coaching": ("coaching_form", lambda: CoachingForm(request.POST)),
        "report": ("schedule_form", lambda: ScheduleReportForm(request.POST)),
        "evaluators": ("evaluation_form", lambda: EvaluationExpertsForm(request.POST, experts=_experts())),
    }
    if action in forms_by_action:
        name, make = forms_by_action[action]
        form = make()
        if not form.is_valid():
            # The page again, with what staff typed and what is wrong with it.
            return proposal_page(request, proposal, True, **{name: form})
        data = form.cleaned_data
        if action == "coaching":
            _do(request, services.record_coaching, proposal, success=_("Record saved."), **data)
        elif action == "report":
            _do(
                request,
                services.schedule_report,
                proposal,
                data["kind"],
                data["due_on"],
                success=_("Report scheduled."),
            )
        else:
            for expert in data["experts"]:
                _do(request, services.assign_expert, proposal, expert, kind=data["kind"], success=_("Expert assigned."))
    elif action in ("midterm", "final"):
        _do(request, services.conclude_evaluation, proposal, action, success=_("Evaluation concluded."))
    elif action == "close":
        _do(request, services.close_project, proposal, success=_("Project closed."))
    return redirect("venture:proposal", pk=pk)


@staff_only
@require_POST
def export(request, pk, what):
    """Start the round's export in Celery and send staff to its progress bar."""
    round_ = get_object_or_404(Round, pk=pk)
    if what not in ROUND_EXPORTS:
        raise Http404
    title = _("%(round)s: %(what)s (Excel)") % {"round": round_.code, "what": ROUND_EXPORT_TITLES[what]}
    job = jobs.start(request.user, "venture.export_round", title, round_id=round_.pk, what=what)
    return redirect("job_detail", pk=job.pk)


@staff_only
def draw(request, pk):
    """Draw the round's review panel from the expert pool; the panel is spread over the proposals."""
    round_ = get_object_or_404(Round, pk=pk)
    form = DrawForm(
        request.POST or None,
        initial={"panel_size": round_.experts_per_proposal + 2, "fields": round_.favoured_areas},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.draw_for_round(
                request.user, round_, data["panel_size"], data["reserve_count"], data["fields"], data["witnesses"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The panel is drawn and the experts are told."))
            return redirect("orgs:draw", made.pk)
    return render(request, "orgs/draw_form.html", {"form": form, "label": str(round_)})


@staff_only
def sheets(request, pk):
    """Each expert's score sheet over the round's proposals and the panel's summary sheet, print-ready."""
    round_ = get_object_or_404(Round.objects.select_related("rubric"), pk=pk)
    criteria = list(round_.rubric.criteria.all())
    reviews = (
        selectors.submitted_reviews(round_)
        .select_related("assignment__proposal__round", "assignment__expert__expert_profile")
        .order_by("assignment__proposal__number", "assignment__assigned_at", "assignment_id")
    )
    entries = [
        (
            r.assignment.expert,
            f"{r.assignment.proposal.code} {r.assignment.proposal.title}",
            {s.criterion_id: s.value for s in r.scores.all()},
            r.total,
            r.overall_comment,
        )
        for r in reviews
    ]
    return render(request, "orgs/score_sheets.html", score_sheets.build(criteria, entries) | {"label": str(round_)})


class PublicScoreForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    score = forms.DecimalField(label=_("Public panel's score (of 100)"), min_value=0, max_value=100, decimal_places=2)
    # The column's own limits too: a number beyond them failed the save with a 500.
    voters = forms.IntegerField(
        label=_("Members of the public panel"), min_value=1, validators=PublicScore._meta.get_field("voters").validators
    )


class BonusForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("Proposal"), queryset=Proposal.objects.none())
    item = forms.ModelChoiceField(label=_("Bonus item"), queryset=BonusItem.objects.none())
    note = forms.CharField(label=_("Evidence"), max_length=200)


@staff_only
def public(request, pk):
    """The public panel's scores and the bonuses, and each part of the combined ranking with its formula."""
    round_ = get_object_or_404(Round, pk=pk)
    proposals = selectors.round_proposals(round_).filter(state__in=REVIEWED).order_by("number")
    score_form = PublicScoreForm(request.POST if "public" in request.POST else None)
    bonus_form = BonusForm(request.POST if "bonus" in request.POST else None)
    for form in (score_form, bonus_form):
        form.fields["proposal"].queryset = proposals
    bonus_form.fields["item"].queryset = round_.bonus_items.all()
    if request.method == "POST":
        try:
            if "public" in request.POST and score_form.is_valid():
                data = score_form.cleaned_data
                services.record_public_score(request.user, data["proposal"], data["score"], data["voters"])
                return redirect("venture:staff_public", pk=pk)
            if "bonus" in request.POST and bonus_form.is_valid():
                data = bonus_form.cleaned_data
                services.grant_bonus(request.user, data["proposal"], data["item"], data["note"])
                return redirect("venture:staff_public", pk=pk)
        except ValidationError as error:
            apply_errors(score_form if "public" in request.POST else bonus_form, error)
    panels = aggregate(round_).panels
    rows = list(proposals)
    combined = services.combine(round_, {p.pk: panels[p.pk] for p in rows if p.pk in panels})
    rows = sorted(((p, combined.get(p.pk)) for p in rows), key=lambda r: (-(r[1].total if r[1] else 0), r[0].number))
    return render(
        request,
        "venture/staff_public.html",
        {
            "round": round_,
            "rows": rows,
            "formula": services.formula(round_),
            "score_form": score_form,
            "bonus_form": bonus_form,
        },
    )
