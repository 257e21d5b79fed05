"""Demo of the 2014 round's draw record (专家抽取记录): the panel was drawn from the pool as it stood in 2014
(the six named demo experts), one expert declined and the reserve took the place; the reviews of 2014 are
by the drawn panel. Written once, with 2014 times, and found again on every later run."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from orgs.models import DEFAULT_PLEDGE, Draw, DrawEvent, Seat
from orgs.services.pool import pick

SEED = "2014-03-21"


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2014, 3, day, hour, minute))


def draw_2014(round_, reviewed, experts, staff):
    """The 2014 draw (created on the first run) and its final panel of five, in drawn order."""
    content_type = ContentType.objects.get_for_model(round_)
    draw = Draw.objects.filter(target_type=content_type, target_id=round_.pk).first()
    if draw is None:
        candidates = sorted(e.pk for e in experts)
        order = pick(candidates, SEED, 6)
        draw = Draw.objects.create(
            label=str(round_),
            target_type=content_type,
            target_id=round_.pk,
            panel_size=5,
            reserve_count=1,
            seed=SEED,
            candidate_ids=candidates,
            witnesses="旗纪委派驻监督员 高某（演示）\n申报组织代表 苏某（演示）\n公证员 韩某（演示）",
            pledge_text=str(DEFAULT_PLEDGE),
            drawn_by=staff,
            drawn_at=_at(21, 9),
        )
        draw.scope.set({p.organization_id for p in reviewed})
        by_id = {e.pk: e for e in experts}
        seats = [
            Seat.objects.create(
                draw=draw, expert=by_id[pk], position=n, status=Seat.Status.PANEL if n <= 5 else Seat.Status.RESERVE
            )
            for n, pk in enumerate(order, start=1)
        ]
        DrawEvent.objects.create(
            draw=draw,
            kind=DrawEvent.Kind.DRAWN,
            by=staff,
            at=_at(21, 9),
            note=f"seed={SEED} pool={len(candidates)} panel={order[:5]} reserves={order[5:]}",
        )
        # The story needs one decline; it falls on a drawn expert other than the demo login, so the demo
        # expert (on the panel, or the reserve who steps in) has the 2014 reviews to show.
        leaving = next(seat for seat in seats[:5] if seat.expert != experts[0])
        reserve = seats[5]
        leaving.decline("评审期间外出学习，无法参加")
        leaving.save(update_fields=["status", "note"])
        DrawEvent.objects.create(
            draw=draw, seat=leaving, kind=DrawEvent.Kind.DECLINED, by=staff, at=_at(21, 10), note=leaving.note
        )
        reserve.promote()
        reserve.save(update_fields=["status"])
        DrawEvent.objects.create(
            draw=draw,
            seat=reserve,
            kind=DrawEvent.Kind.PROMOTED,
            by=staff,
            at=_at(21, 10),
            note=f"递补 {leaving.expert}",
        )
        for n, seat in enumerate(s for s in seats if s.status == Seat.Status.PANEL):
            seat.pledge_accepted_at = _at(21, 14, n * 5)
            seat.pledge_accepted_text = draw.pledge_text
            seat.save(update_fields=["pledge_accepted_at", "pledge_accepted_text"])
            DrawEvent.objects.create(
                draw=draw, seat=seat, kind=DrawEvent.Kind.PLEDGED, by=seat.expert, at=seat.pledge_accepted_at
            )
    return [s.expert for s in draw.seats.filter(status=Seat.Status.PANEL).select_related("expert").order_by("position")]
