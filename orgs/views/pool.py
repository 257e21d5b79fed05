"""The expert pool (专家库) for staff: the pool and each expert's profile, suspension and pending change; drawing
a panel, the draw's page with its pledge, scans and recorded declines; the printable draw record and score
sheets. Each thing staff do has its own address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from incubator import files
from incubator.forms import apply_errors, row_named, run_command
from incubator.roles import Role, require_role

from .. import selectors, services, sheets
from ..forms import DrawForm, LeaveForm, PledgeTextForm, SheetForm, SuspendForm
from ..models import Expertise
from ..services.pool import sheets_url


# -- staff: the pool -----------------------------------------------------------------------------------------
@login_required
def pool(request):
    require_role(request.user, Role.PARK_STAFF)
    return render(request, "orgs/pool.html", {"profiles": selectors.pool_profiles()})


def _staff_profile(request, pk):
    require_role(request.user, Role.PARK_STAFF)
    return get_object_or_404(selectors.pool_profile_page(), pk=pk)


def _profile_page(request, profile, suspend_form=None):
    rows, leniency = services.panel_history(profile.user)
    pending = profile.pending_change or {}
    return render(
        request,
        "orgs/pool_expert.html",
        {
            "profile": profile,
            "suspend_form": suspend_form or SuspendForm(),
            "rows": rows,
            "leniency": leniency,
            "pending": pending,
            "pending_fields": [Expertise(f).label for f in pending.get("fields", []) if f in Expertise.values],
            "pending_ties": selectors.organizations_named(pending.get("tied_organizations", [])),
            "history": selectors.history_of(profile),
        },
    )


@login_required
@require_safe
def pool_expert(request, pk):
    return _profile_page(request, _staff_profile(request, pk))


def _profile_step(request, profile, step):
    """A step without a form: done, back to the profile; refused, the profile with the reason."""
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _profile_page(request, profile)
    return redirect("orgs:pool_expert", profile.pk)


@login_required
@require_POST
def pool_expert_suspend(request, pk):
    profile = _staff_profile(request, pk)
    form = SuspendForm(request.POST)
    if form.is_valid():
        try:
            services.suspend_expert(request.user, profile, form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("orgs:pool_expert", pk)
    return _profile_page(request, profile, suspend_form=form)


@login_required
@require_POST
def pool_expert_reinstate(request, pk):
    profile = _staff_profile(request, pk)
    return _profile_step(request, profile, lambda: services.reinstate_expert(request.user, profile))


@login_required
@require_POST
def pool_expert_approve(request, pk):
    profile = _staff_profile(request, pk)
    return _profile_step(request, profile, lambda: services.review_profile_change(request.user, profile, True))


@login_required
@require_POST
def pool_expert_reject(request, pk):
    profile = _staff_profile(request, pk)
    return _profile_step(request, profile, lambda: services.review_profile_change(request.user, profile, False))


# -- staff: draws --------------------------------------------------------------------------------------------
@login_required
def draws(request):
    require_role(request.user, Role.PARK_STAFF)
    return render(request, "orgs/draws.html", {"draws": selectors.draws()})


@login_required
def evaluation_draw(request, pk):
    """Draw the panel of a stage evaluation from the pool (it fills the evaluation's assignments)."""
    require_role(request.user, Role.PARK_STAFF)
    evaluation = get_object_or_404(selectors.open_evaluations(), pk=pk)
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
            apply_errors(form, error)
        else:
            messages.success(request, _("The panel is drawn and the experts are told."))
            return redirect("orgs:draw", draw.pk)
    return render(request, "orgs/draw_form.html", {"form": form, "label": str(evaluation)})


def _staff_draw(request, pk):
    require_role(request.user, Role.PARK_STAFF)
    return get_object_or_404(selectors.draws().prefetch_related("scope"), pk=pk)


def _draw_page(request, draw, **bound):
    """The draw's page; `bound` replaces a blank form with the one staff just posted (with its errors)."""
    return render(
        request,
        "orgs/draw.html",
        _record_context(draw)
        | {
            "pledge_form": bound.get("pledge") or PledgeTextForm(initial={"pledge_text": draw.pledge_text}),
            "sheet_form": bound.get("sheet") or SheetForm(),
            "leave_form": bound.get("leave") or LeaveForm(),
            "sheets": selectors.draw_sheets(draw),
        },
    )


def _record_context(draw):
    seats = selectors.draw_seats(draw)
    drawn_ids = [s.expert_id for s in seats]
    return {
        "draw": draw,
        "seats": seats,
        "events": selectors.draw_events(draw),
        # A supervisor's check: the stored seed on the stored pool gives the same experts in the same order.
        "repeat_matches": services.repeat(draw) == drawn_ids,
        "sheets_url": sheets_url(draw),
    }


@login_required
@require_safe
def draw(request, pk):
    return _draw_page(request, _staff_draw(request, pk))


def _draw_form(request, draw, name, form, action):
    """Run `action()` once the form is valid; refused, the draw's page with what staff typed and why."""
    return run_command(
        request,
        form,
        lambda _data: action(),
        done=redirect("orgs:draw", draw.pk),
        again=lambda: _draw_page(request, draw, **{name: form}),
    )


@login_required
@require_POST
def draw_pledge(request, pk):
    draw = _staff_draw(request, pk)
    form = PledgeTextForm(request.POST)
    return _draw_form(
        request,
        draw,
        "pledge",
        form,
        lambda: services.edit_pledge(request.user, draw, form.cleaned_data["pledge_text"]),
    )


@login_required
@require_POST
def draw_sheet_upload(request, pk):
    draw = _staff_draw(request, pk)
    form = SheetForm(request.POST, request.FILES)
    return _draw_form(
        request,
        draw,
        "sheet",
        form,
        lambda: services.upload_sheet(request.user, draw, form.cleaned_data["kind"], form.cleaned_data["file"]),
    )


@login_required
@require_POST
def draw_leave(request, pk):
    """Staff record a decline or conflict an expert told them of: the next reserve is called."""
    draw = _staff_draw(request, pk)
    form = LeaveForm(request.POST)

    def leave():
        seat = row_named(draw.seats.all(), request.POST.get("seat"))
        services.leave_panel(request.user, seat, form.cleaned_data["reason"], form.cleaned_data["conflict"])

    return _draw_form(request, draw, "leave", form, leave)


@login_required
def draw_record(request, pk):
    """The printable draw record (抽取记录) with the witnesses' signature lines."""
    draw = _staff_draw(request, pk)
    return render(request, "orgs/draw_record.html", _record_context(draw))


@login_required
def draw_sheet(request, pk):
    require_role(request.user, Role.PARK_STAFF)
    sheet = get_object_or_404(selectors.signed_sheets(), pk=pk)
    return files.serve(sheet)


@login_required
def evaluation_sheets(request, pk):
    """Each expert's score sheet and the panel's summary sheet of a stage evaluation, print-ready."""
    require_role(request.user, Role.PARK_STAFF)
    evaluation = get_object_or_404(selectors.evaluations_with_rubric(), pk=pk)
    criteria = list(evaluation.rubric.criteria.all())
    label = evaluation.organization.name
    entries = [
        (a.expert, label, {s.criterion_id: s.value for s in a.scores.all()}, a.total, a.comment)
        for a in selectors.submitted_sheets(evaluation)
    ]
    return render(request, "orgs/score_sheets.html", sheets.build(criteria, entries) | {"label": str(evaluation)})
