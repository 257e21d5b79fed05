"""The navigation each role sees. Apps register a function (user -> list of NavItem) in their
AppConfig.ready, so the core never needs to know their URLs."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_providers = []


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    description: str = ""
    order: int = 50


def register(provider):
    if provider not in _providers:
        _providers.append(provider)


def items_for(user):
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda item: item.order)


def core_items(user):
    items = []
    if user.is_authenticated and (user.is_staff or user.is_superuser):
        items.append(NavItem(_("Administration"), reverse("admin:index"), _("All records of the park"), 90))
    return items
