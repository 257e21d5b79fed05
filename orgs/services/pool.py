"""The expert pool (专家库): experts' own edits approved by staff, suspension, and the random draw of a panel
with recusal, reserves, the integrity pledge and signed scans.

Whatever the draw is for (a venture round, a stage evaluation) registers how its assignments follow the
panel as a DrawTarget (below), so orgs never imports venture."""

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from incubator import scoring
from incubator.models import User
from incubator.roles import Role
from incubator.services import interpolate, notify

from .. import permissions
from ..models import (
    DEFAULT_PLEDGE,
    Assignment,
    Draw,
    DrawEvent,
    ExpertProfile,
    Organization,
    Seat,
    SignedSheet,
)
from ..selectors import recusals
from ..selectors.pool import draw_target_for
from .common import park_staff, save_logged
from .evaluation import assign_expert

# What an expert may change in their own profile (staff approve); ties are organization ids.
SELF_EDITABLE = ("affiliation", "title", "fields", "relatives", "available", "tied_organizations")


# -- the pool ------------------------------------------------------------------------------------------------
@transaction.atomic
def propose_profile_change(expert, change):
    """The expert's edit waits for staff; nothing in the live profile changes yet."""
    if not expert.is_expert:
        raise PermissionDenied
    profile, _created = ExpertProfile.objects.get_or_create(user=expert)
    profile.pending_change = {key: change[key] for key in SELF_EDITABLE if key in change}
    profile.pending_since = timezone.now()
    profile.save(update_fields=["pending_change", "pending_since"])
    notify(
        park_staff(),
        "orgs_expert_profile_change",
        interpolate(_("Expert %(name)s asks to change their profile"), {"name": str(expert)}),
        url=reverse("orgs:pool_expert", args=[profile.pk]),
    )
    return profile


@transaction.atomic
def review_profile_change(by, profile, approve):
    permissions.require_staff(by)
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    change = profile.pending_change
    if change is None:
        raise ValidationError(_("There is no change waiting for approval."))
    if approve:
        for key in ("affiliation", "title", "fields", "relatives", "available"):
            if key in change:
                setattr(profile, key, change[key])
    profile.pending_change = None
    profile.pending_since = None
    profile.save()
    if approve and "tied_organizations" in change:
        profile.tied_organizations.set(Organization.objects.filter(pk__in=change["tied_organizations"]))
    notify(
        [profile.user],
        "orgs_expert_profile_reviewed",
        _("Park staff approved your profile change") if approve else _("Park staff did not accept your profile change"),
        url=reverse("orgs:expert_profile"),
    )
    return profile


@transaction.atomic
def suspend_expert(by, profile, reason):
    permissions.require_staff(by)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the suspension.")})
    profile.suspended_at = timezone.now()
    profile.suspension_reason = reason.strip()
    profile.save(update_fields=["suspended_at", "suspension_reason"])
    return profile


@transaction.atomic
def reinstate_expert(by, profile):
    permissions.require_staff(by)
    profile.suspended_at = None
    profile.suspension_reason = ""
    profile.save(update_fields=["suspended_at", "suspension_reason"])
    return profile


# -- the draw ------------------------------------------------------------------------------------------------
def eligible_pool(scope_ids, fields=()):
    """The experts a draw may pick, by user id ascending (the order the seed is applied to): active expert
    accounts with a profile, available, not suspended, in one of `fields` (any, if none asked), and with no
    recusal against any organization in scope."""
    profiles = (
        ExpertProfile.objects.filter(
            user__groups__name=Role.EXPERT, user__is_active=True, available=True, suspended_at__isnull=True
        )
        .order_by("user_id")
        .values_list("user_id", "fields")
    )
    wanted = set(fields)
    ids = [pk for pk, own in profiles if not wanted or wanted & set(own or [])]
    scope = set(scope_ids)
    conflicts = recusals(ids)
    return [pk for pk in ids if not conflicts[pk] & scope]


def pick(candidate_ids, seed, count):
    """The draw itself: `count` ids in drawn order. Anyone with the seed and the candidate list repeats it."""
    ordered = sorted(candidate_ids)
    return random.Random(seed).sample(ordered, min(count, len(ordered)))


@transaction.atomic
def draw_panel(by, label, scope, panel_size, reserve_count=2, fields=(), witnesses="", target=None, seed=None):
    """Draw a panel and its reserves in front of the witnesses; the pool, seed and result are kept, and
    the target's assignments (if it registered) are filled from the panel."""
    permissions.require_staff(by)
    scope_ids = sorted({o.pk for o in scope})
    if panel_size < 1:
        raise ValidationError({"panel_size": _("Draw at least one expert.")})
    candidates = eligible_pool(scope_ids, fields)
    if len(candidates) < panel_size:
        raise ValidationError(
            {
                "panel_size": interpolate(
                    _("Only %(count)s eligible experts in the pool for a panel of %(size)s."),
                    {"count": len(candidates), "size": panel_size},
                )
            }
        )
    seed = seed or secrets.token_hex(8)
    drawn = pick(candidates, seed, panel_size + reserve_count)
    draw = Draw.objects.create(
        label=label,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        panel_size=panel_size,
        reserve_count=reserve_count,
        fields=list(fields),
        seed=seed,
        candidate_ids=candidates,
        witnesses=(witnesses or "").strip(),
        pledge_text=str(DEFAULT_PLEDGE),
        drawn_by=by,
    )
    draw.scope.set(scope_ids)
    experts = User.objects.in_bulk(drawn)
    seats = Seat.objects.bulk_create(
        Seat(
            draw=draw,
            expert=experts[pk],
            position=position,
            status=Seat.Status.PANEL if position <= panel_size else Seat.Status.RESERVE,
        )
        for position, pk in enumerate(drawn, start=1)
    )
    DrawEvent.objects.create(
        draw=draw,
        kind=DrawEvent.Kind.DRAWN,
        by=by,
        # Technical and language-neutral: the record page shows the seats in full.
        note=f"seed={seed} pool={len(candidates)} panel={drawn[:panel_size]} reserves={drawn[panel_size:]}",
    )
    panel = [s.expert for s in seats if s.is_on_panel]
    handler = _handler(draw)
    if handler:
        handler.fill(by, draw, panel)
    notify(
        panel,
        "orgs_drawn",
        interpolate(_("You were drawn for the panel: %(label)s"), {"label": label}),
        _("Please read and accept the integrity pledge before you see any material."),
        url=reverse("orgs:expert_home"),
    )
    return draw


def repeat(draw):
    """The panel and reserves the stored seed gives on the stored pool (a supervisor's check)."""
    return pick(draw.candidate_ids, draw.seed, draw.panel_size + draw.reserve_count)


@transaction.atomic
def leave_panel(by, seat, reason, conflict=False):
    """A drawn expert declines (or declares a conflict): the first reserve in drawn order takes the place.
    Staff may record it for an expert who told them by phone. Returns the promoted seat or None."""
    seat = Seat.objects.select_for_update().select_related("draw", "expert").get(pk=seat.pk)
    if not (by.is_park_staff or by.pk == seat.expert_id):
        raise PermissionDenied
    if not can_proceed(seat.decline):
        raise ValidationError(_("This expert has already left the panel."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    was_on_panel = seat.is_on_panel
    (seat.recuse if conflict else seat.decline)(reason.strip())
    save_logged(seat, by)
    draw = seat.draw
    DrawEvent.objects.create(
        draw=draw,
        seat=seat,
        kind=DrawEvent.Kind.CONFLICT if conflict else DrawEvent.Kind.DECLINED,
        by=by,
        note=seat.note,
    )
    if not was_on_panel:
        return None
    reserve = _next_eligible_reserve(draw)
    if reserve is None:
        DrawEvent.objects.create(draw=draw, seat=seat, kind=DrawEvent.Kind.SHORT, by=by)
        notify(
            park_staff(),
            "orgs_draw_short",
            interpolate(_("No reserve left for the panel: %(label)s"), {"label": draw.label}),
            url=reverse("orgs:draw", args=[draw.pk]),
        )
        return None
    reserve.promote()
    save_logged(reserve, by)
    DrawEvent.objects.create(
        draw=draw,
        seat=reserve,
        kind=DrawEvent.Kind.PROMOTED,
        by=by,
        note=str(interpolate(_("Takes the place of %(name)s"), {"name": str(seat.expert)})),
    )
    handler = _handler(draw)
    if handler:
        # The replacement follows the rule staff set at the draw, so it is made in their name.
        handler.replace(draw.drawn_by, draw, seat.expert, reserve.expert)
    notify(
        [reserve.expert],
        "orgs_drawn",
        interpolate(_("You were drawn for the panel: %(label)s"), {"label": draw.label}),
        _("Please read and accept the integrity pledge before you see any material."),
        url=reverse("orgs:expert_home"),
    )
    return reserve


def _next_eligible_reserve(draw):
    """The first reserve in drawn order who may still judge every organization in scope: a tie declared or
    an affiliation changed since the draw passes the reserve over."""
    reserves = list(draw.seats.select_for_update().filter(status=Seat.Status.RESERVE).order_by("position"))
    scope = set(draw.scope.values_list("pk", flat=True))
    conflicts = recusals(s.expert_id for s in reserves)
    return next((s for s in reserves if not conflicts[s.expert_id] & scope), None)


@transaction.atomic
def accept_pledge(expert, seat):
    seat = Seat.objects.select_for_update().select_related("draw").get(pk=seat.pk)
    if seat.expert_id != expert.pk or not seat.is_on_panel:
        raise PermissionDenied
    if seat.pledge_accepted_at is None:
        seat.pledge_accepted_at = timezone.now()
        seat.pledge_accepted_text = seat.draw.pledge_text
        seat.save(update_fields=["pledge_accepted_at", "pledge_accepted_text"])
        DrawEvent.objects.create(draw=seat.draw, seat=seat, kind=DrawEvent.Kind.PLEDGED, by=expert)
    return seat


@transaction.atomic
def edit_pledge(by, draw, text):
    """Staff word the pledge for this panel; experts who accepted keep the text they accepted."""
    permissions.require_staff(by)
    if not (text or "").strip():
        raise ValidationError({"pledge_text": _("The pledge cannot be empty.")})
    draw.pledge_text = text.strip()
    draw.save(update_fields=["pledge_text"])
    DrawEvent.objects.create(draw=draw, kind=DrawEvent.Kind.PLEDGE_EDITED, by=by)
    return draw


@transaction.atomic
def upload_sheet(by, draw, kind, upload):
    permissions.require_staff(by)
    sheet = SignedSheet(draw=draw, kind=kind)
    sheet.attach(upload, by)
    sheet.save()
    return sheet


# -- what a draw is for --------------------------------------------------------------------------------------
# An app offers what its draws are for at the extension point DRAW_TARGET (orgs.selectors.pool).


@dataclass(frozen=True)
class DrawTarget:
    """How a target's assignments follow its drawn panel: `fill(by, draw, experts)` after the draw,
    `replace(by, draw, old, new)` when a reserve takes a place, `totals(draws)` the submitted totals
    {draw id: {expert id: {item: total}}} for the pool's panel history, `sheets_url(target id)` the
    print-ready score sheets of the target's panel, and `members(target id)` the ids of the experts on its
    panel however they came (the pledge is theirs). `model` is the target's "app_label.model"."""

    model: str
    fill: Callable
    replace: Callable
    totals: Callable
    sheets_url: Callable
    members: Callable


def sheets_url(draw):
    handler = _handler(draw)
    return handler.sheets_url(draw.target_id) if handler else None


def _handler(draw):
    if draw.target_type_id is None:
        return None
    return draw_target_for(draw.target_type)


def _fill_evaluation(by, draw, experts):
    for expert in experts:
        assign_expert(by, draw.target, expert, method=Assignment.Method.DRAW)


def _replace_on_evaluation(by, draw, old, new):
    leaving = Assignment.objects.select_for_update().filter(
        evaluation_id=draw.target_id, expert=old, status__in=Assignment.Status.on_panel()
    )
    for assignment in leaving:
        assignment.replace()
        save_logged(assignment, by)
    assign_expert(by, draw.target, new, method=Assignment.Method.DRAW)


def _evaluation_totals(draws):
    by_evaluation = {d.target_id: d.pk for d in draws}
    result = {d.pk: {} for d in draws}
    rows = Assignment.objects.filter(
        evaluation_id__in=by_evaluation, submitted_at__isnull=False, conflict_declared_at__isnull=True
    ).values_list("evaluation_id", "expert_id", "total")
    for evaluation_id, expert_id, total in rows:
        result[by_evaluation[evaluation_id]].setdefault(expert_id, {})[evaluation_id] = total
    return result


EVALUATION_DRAW = DrawTarget(
    "orgs.evaluation",
    _fill_evaluation,
    _replace_on_evaluation,
    _evaluation_totals,
    lambda pk: reverse("orgs:evaluation_sheets", args=[pk]),
    lambda pk: set(
        Assignment.objects.filter(evaluation_id=pk, status__in=Assignment.Status.on_panel()).values_list(
            "expert_id", flat=True
        )
    ),
)


def panel_history(expert):
    """Every panel the expert sat on, with their totals against the panel means: rows of
    (draw, items scored, the expert's mean gap) and the overall leniency (incubator.scoring.leniency)."""
    seats = list(
        Seat.objects.filter(expert=expert, status=Seat.Status.PANEL)
        .select_related("draw__target_type")
        .order_by("-draw__drawn_at")
    )
    by_target = {}
    for seat in seats:
        handler = _handler(seat.draw)
        if handler:
            by_target.setdefault(handler, []).append(seat.draw)
    totals = {}
    for handler, draws in by_target.items():
        totals.update(handler.totals(draws))
    rows, mine, means = [], {}, {}
    for seat in seats:
        panel = totals.get(seat.draw_id, {})
        items = {}
        for expert_totals in panel.values():
            for item, total in expert_totals.items():
                items.setdefault((seat.draw_id, item), []).append(total)
        for key, values in items.items():
            means[key] = sum(values) / len(values)
        own = {(seat.draw_id, item): total for item, total in panel.get(expert.pk, {}).items()}
        mine.update(own)
        gap = scoring.leniency({expert.pk: own}, means)[expert.pk]
        rows.append((seat, len(own), gap))
    return rows, scoring.leniency({expert.pk: mine}, means)[expert.pk]
