"""The expert pool (专家库) and its draws: the staff lists, an expert's seats, the record of a draw."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse

from incubator import protocol

from ..models import Draw, ExpertProfile, Pledge, Seat, SignedSheet


def seat_for(expert, target):
    """The expert's panel seat on the newest draw for `target`, or None when no draw made this panel."""
    content_type = ContentType.objects.get_for_model(target)
    return (
        Seat.objects.filter(
            draw__target_type=content_type, draw__target_id=target.pk, expert=expert, status=Seat.Status.PANEL
        )
        .select_related("draw")
        .order_by("-draw__drawn_at")
        .first()
    )


def pledge_pending(expert, target):
    """The page of the integrity pledge the expert must accept before seeing anything of `target` (a round,
    an evaluation), or None once accepted. Every panel has one: a drawn expert's on the seat, an expert put
    on the panel by hand their own."""
    seat = seat_for(expert, target)
    if seat is not None:
        return reverse("orgs:pledge", args=[seat.pk]) if seat.pledge_accepted_at is None else None
    content_type = ContentType.objects.get_for_model(target)
    if Pledge.objects.filter(expert=expert, target_type=content_type, target_id=target.pk).exists():
        return None
    return reverse("orgs:panel_pledge", args=[content_type.pk, target.pk])


# An app offers what its panels are for at this extension point of its contribution (incubator.protocol),
# so orgs never imports venture: orgs.services.pool.DrawTarget.
DRAW_TARGET = "orgs.draw_target"


def draw_target_for(content_type):
    """The registered DrawTarget of a content type; None when nothing of that type has a panel."""
    model = f"{content_type.app_label}.{content_type.model}"
    return next((hook for hook in protocol.hooks(DRAW_TARGET) if hook.model == model), None)


def panel_target(expert, type_pk, pk):
    """The round or evaluation whose panel the expert sits on, by content type and id; None for anything
    else (another panel, a record of another kind)."""
    content_type = ContentType.objects.filter(pk=type_pk).first()
    handler = draw_target_for(content_type) if content_type is not None else None
    if handler is None or expert.pk not in handler.members(pk):
        return None
    return content_type.model_class().objects.filter(pk=pk).first()


def seats_of(expert):
    """An expert's draws: where they sit or wait as a reserve, newest first."""
    return (
        Seat.objects.filter(expert=expert, status__in=Seat.Status.drawn())
        .select_related("draw")
        .order_by("-draw__drawn_at", "position")
    )


def pool_profiles():
    """The staff list of the pool: one query, panels served counted."""
    return (
        ExpertProfile.objects.select_related("user")
        .annotate(panels=Count("user__draw_seats", filter=Q(user__draw_seats__status=Seat.Status.PANEL)))
        .order_by("suspended_at", "user__username")
    )


def pool_profile_page():
    """The profiles staff open one at a time from the pool, with their expert."""
    return ExpertProfile.objects.select_related("user")


def own_profile(expert):
    """The expert's profile, or an unsaved one before staff first approve a change."""
    return ExpertProfile.objects.filter(user=expert).first() or ExpertProfile(user=expert)


def draws():
    return Draw.objects.select_related("drawn_by", "target_type").annotate(
        panel=Count("seats", filter=Q(seats__status=Seat.Status.PANEL))
    )


def draw_seats(draw):
    return list(draw.seats.select_related("expert__expert_profile"))


def draw_events(draw):
    return draw.events.select_related("by", "seat__expert")


def draw_sheets(draw):
    return draw.sheets.select_related("uploaded_by")


def signed_sheets():
    return SignedSheet.objects.all()
