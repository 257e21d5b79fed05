from django import template

from venture import permissions

register = template.Library()


@register.filter
def files_proposals(user):
    """The account may file proposals: an applicant whose account staff have not confirmed yet may not."""
    return permissions.files_proposals(user)
