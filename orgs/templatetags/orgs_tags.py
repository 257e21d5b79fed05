from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from orgs.models import Stage
from orgs.services import action_label as label_of

register = template.Library()

# The colour of an incubation's stage badge: closed ones grey, completed green, the rest in the park's red.
BADGE_COLOURS = {
    Stage.COMPLETED: "success",
    Stage.DECLINED: "secondary",
    Stage.WITHDRAWN: "secondary",
    Stage.TERMINATED: "secondary",
}


@register.filter
def action_label(action):
    return label_of(action)


@register.simple_tag
def stage_badge(incubation):
    """An organization's stage as a badge (a tag rather than an included template: the staff list shows fifty)."""
    if not incubation:
        return format_html('<span class="badge text-bg-light">{}</span>', _("Not applied"))
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        BADGE_COLOURS.get(incubation.stage, "danger"),
        incubation.get_stage_display(),
    )
