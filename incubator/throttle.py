"""The public forms (an objection to an award, a registration) take a limited number of posts an hour from one
client address and for one contact: a visitor cannot flood the park's staff with them (django-ratelimit, counted
in the shared cache)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .addresses import client_address


def public_post_throttled(request, form_name, contact=""):
    """True when this post is one too many for its address, or for the phone or email it gives; counts it."""
    by_address = is_ratelimited(
        request,
        group=f"{form_name}:address",
        key=lambda _group, request: client_address(request),
        rate=settings.PUBLIC_POSTS_PER_ADDRESS,
        increment=True,
    )
    contact = "".join(contact.split()).lower()
    by_contact = bool(contact) and is_ratelimited(
        request,
        group=f"{form_name}:contact",
        key=lambda _group, _request: contact,
        rate=settings.PUBLIC_POSTS_PER_CONTACT,
        increment=True,
    )
    return by_address or by_contact
