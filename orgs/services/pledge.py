"""The integrity pledge (承诺书) of an expert put on a panel by hand; a drawn expert accepts it on the seat
(services.pool)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import DEFAULT_PLEDGE, Pledge
from ..selectors.pool import draw_target_for


@transaction.atomic
def accept_panel_pledge(expert, target):
    """The expert accepts the pledge of the panel of `target` (a round, an evaluation) they sit on: once."""
    content_type = ContentType.objects.get_for_model(target)
    handler = draw_target_for(content_type)
    if handler is None or expert.pk not in handler.members(target.pk):
        raise PermissionDenied
    pledge, _created = Pledge.objects.get_or_create(
        expert=expert,
        target_type=content_type,
        target_id=target.pk,
        defaults={"label": str(target)[:200], "text": str(DEFAULT_PLEDGE)},
    )
    return pledge
