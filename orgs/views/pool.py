"""The expert pool (专家库): staff keep it and draw panels; experts accept the pledge, decline, edit their
profile; the printable draw record is signed by the witnesses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incubator import files
from incubator.forms import row_named

from .. import selectors, services, sheets
from ..models import Evaluation, Expertise, ExpertProfile, Organization, Seat, SignedSheet
from ..pool_forms import DrawForm, ExpertProfileForm, LeaveForm, PledgeTextForm, SheetForm, SuspendForm
from ..services.pool import sheets_url
from .common import error_into_form, staff_only


# -- staff: the pool -----------------------------------------------------------------------------------------
@login_required
def pool(request):
    staff_only(request)
    return render(request, "orgs/pool.html", {"profiles": selectors.pool_profiles()})


@login_required
def pool_expert(request, pk):
    staff_only(request)
    profile = get_object_or_404(ExpertProfile.objects.select_related("user"), pk=pk)
    suspend_form = SuspendForm(request.POST if "suspend" in request.POST else None)
    if request.method == "POST":
        try:
            if "suspend" in request.POST:
                if suspend_form.is_valid():
                    services.suspend_expert(request.user, profile, suspend_form.cleaned_data["reason"])
                    return redirect("orgs:pool_expert", pk)
            elif "reinstate" in request.POST:
                services.reinstate_expert(request.user, profile)
                return redirect("orgs:pool_expert", pk)
            elif "approve" in request.POST or "reject" in request.POST:
                services.review_profile_change(request.user, profile, "approve" in request.POST)
                return redirect("orgs:pool_expert", pk)
        except ValidationError as error:
            error_into_form(suspend_form, error)
    rows, leniency = services.panel_history(profile.user)
    pending = profile.pending_change or {}
    return render(
        request,
        "orgs/pool_expert.html",
        {
            "profile": profile,
            "suspend_form": suspend_form,
            "rows": rows,
            "leniency": leniency,
            "pending": pending,
            "pending_fields": [Expertise(f).label for f in pending.get("fields", []) if f in Expertise.values],
            "pending_ties": Organization.objects.filter(pk__in=pending.get("tied_organizations", [])),
            "history": profile.history.select_related("history_user")[:20],
        },
    )


# -- staff: draws --------------------------------------------------------------------------------------------
@login_required
def draws(request):
    staff_only(request)
    return render(request, "orgs/draws.html", {"draws": selectors.draws()})


@login_required
def evaluation_draw(request, pk):
    """Draw the panel of a stage evaluation from the pool (it fills the evaluation's assignments)."""
    staff_only(request)
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("organization"), pk=pk, status=Evaluation.Status.OPEN
    )
    form = DrawForm(request.POST or None, initial={"fields": [evaluation.organization.category]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            draw = services.draw_panel(
                request.user,
                str(evaluation),
                [evaluation.organization],
                data["panel_size"],
                data["reserve_count"],
                data["fields"],
                data["witnesses"],
                target=evaluation,
            )
        except ValidationError as error:
            error_into_form(form, error)
        else:
            messages.success(request, _("The panel is drawn and the experts are told."))
            return redirect("orgs:draw", draw.pk)
    return render(request, "orgs/draw_form.html", {"form": form, "label": str(evaluation)})


def _staff_draw(request, pk):
    staff_only(request)
    return get_object_or_404(selectors.draws().prefetch_related("scope"), pk=pk)


@login_required
def draw(request, pk):
    draw = _staff_draw(request, pk)
    pledge_form = PledgeTextForm(
        request.POST if "pledge" in request.POST else None, initial={"pledge_text": draw.pledge_text}
    )
    sheet_form = SheetForm(
        request.POST if "sheet" in request.POST else None, request.FILES if "sheet" in request.POST else None
    )
    leave_form = LeaveForm(request.POST if "leave" in request.POST else None)
    if request.method == "POST":
        try:
            if "pledge" in request.POST and pledge_form.is_valid():
                services.edit_pledge(request.user, draw, pledge_form.cleaned_data["pledge_text"])
                return redirect("orgs:draw", pk)
            if "sheet" in request.POST and sheet_form.is_valid():
                services.upload_sheet(
                    request.user, draw, sheet_form.cleaned_data["kind"], sheet_form.cleaned_data["file"]
                )
                return redirect("orgs:draw", pk)
            if "leave" in request.POST and leave_form.is_valid():
                seat = row_named(draw.seats.all(), request.POST.get("seat"))
                services.leave_panel(
                    request.user, seat, leave_form.cleaned_data["reason"], leave_form.cleaned_data["conflict"]
                )
                return redirect("orgs:draw", pk)
        except ValidationError as error:
            for form in (pledge_form, sheet_form, leave_form):
                if form.is_bound:
                    error_into_form(form, error)
    return render(
        request,
        "orgs/draw.html",
        _record_context(draw)
        | {
            "pledge_form": pledge_form,
            "sheet_form": sheet_form,
            "leave_form": leave_form,
            "sheets": draw.sheets.select_related("uploaded_by"),
        },
    )


def _record_context(draw):
    seats = list(draw.seats.select_related("expert__expert_profile"))
    drawn_ids = [s.expert_id for s in seats]
    return {
        "draw": draw,
        "seats": seats,
        "events": draw.events.select_related("by", "seat__expert"),
        # A supervisor's check: the stored seed on the stored pool gives the same experts in the same order.
        "repeat_matches": services.repeat(draw) == drawn_ids,
        "sheets_url": sheets_url(draw),
    }


@login_required
def draw_record(request, pk):
    """The printable draw record (抽取记录) with the witnesses' signature lines."""
    draw = _staff_draw(request, pk)
    return render(request, "orgs/draw_record.html", _record_context(draw))


@login_required
def draw_sheet(request, pk):
    staff_only(request)
    sheet = get_object_or_404(SignedSheet.objects.all(), pk=pk)
    return files.serve(sheet)


# -- experts -------------------------------------------------------------------------------------------------
def _own_seat(request, pk):
    if not request.user.is_expert:
        raise Http404
    return get_object_or_404(selectors.seats_of(request.user), pk=pk)


@login_required
def pledge(request, pk):
    """The integrity pledge of one panel: read and accept before any material opens."""
    seat = _own_seat(request, pk)
    target = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if request.method == "POST" and seat.status == Seat.Status.PANEL:
        services.accept_pledge(request.user, seat)
        messages.success(request, _("Thank you. The panel's material is open to you."))
        return redirect(target or "orgs:expert_home")
    return render(request, "orgs/pledge.html", {"seat": seat, "next": target, "leave_form": LeaveForm()})


@login_required
@require_POST
def seat_leave(request, pk):
    seat = _own_seat(request, pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.leave_panel(request.user, seat, form.cleaned_data["reason"], form.cleaned_data["conflict"])
        except ValidationError as error:
            error_into_form(form, error)
        else:
            messages.info(request, _("Thank you. A reserve takes your place on this panel."))
            return redirect("orgs:expert_home")
    return render(request, "orgs/pledge.html", {"seat": seat, "next": "", "leave_form": form})


@login_required
def expert_profile(request):
    if not request.user.is_expert:
        raise Http404
    # Reading the page writes nothing: an expert without a profile yet gets one when staff approve a change.
    profile = ExpertProfile.objects.filter(user=request.user).first() or ExpertProfile(user=request.user)
    initial = {
        "affiliation": profile.affiliation,
        "title": profile.title,
        "fields": profile.fields,
        "relatives": profile.relatives,
        "available": profile.available,
        "tied_organizations": list(profile.tied_organizations.all()) if profile.pk else [],
    }
    form = ExpertProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.propose_profile_change(request.user, form.change())
        messages.success(request, _("Your change is sent to park staff for approval."))
        return redirect("orgs:expert_profile")
    return render(request, "orgs/expert_profile.html", {"form": form, "profile": profile})


@login_required
def evaluation_sheets(request, pk):
    """Each expert's score sheet and the panel's summary sheet of a stage evaluation, print-ready."""
    staff_only(request)
    evaluation = get_object_or_404(Evaluation.objects.select_related("organization", "rubric"), pk=pk)
    criteria = list(evaluation.rubric.criteria.all())
    assignments = (
        evaluation.assignments.filter(submitted_at__isnull=False, conflict_declared_at__isnull=True)
        .select_related("expert__expert_profile")
        .prefetch_related("scores")
        .order_by("assigned_at", "id")
    )
    label = evaluation.organization.name
    entries = [
        (a.expert, label, {s.criterion_id: s.value for s in a.scores.all()}, a.total, a.comment) for a in assignments
    ]
    return render(request, "orgs/score_sheets.html", sheets.build(criteria, entries) | {"label": str(evaluation)})
