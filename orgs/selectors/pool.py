"""The expert pool (专家库) and its draws: the staff lists, an expert's seats, the record of a draw."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from ..models import Draw, ExpertProfile, Seat, SignedSheet


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
    """The seat whose pledge the expert must accept before seeing anything of `target`, or None."""
    seat = seat_for(expert, target)
    return seat if seat is not None and seat.pledge_accepted_at is None else None


def seats_of(expert):
    """An expert's draws: where they sit or wait as a reserve, newest first."""
    return (
        Seat.objects.filter(expert=expert, status__in=[Seat.Status.PANEL, Seat.Status.RESERVE])
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
