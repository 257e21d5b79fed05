"""Panels one app shows on another app's record page without either importing the other.

The page owner calls `panels_for("organization", request, organization)` and includes each panel's template;
another app registers a provider in its AppConfig.ready:

    panels.register("organization", provider)   # provider(request, obj) -> Panel or None (None: nothing to show)
"""

from collections import defaultdict
from dataclasses import dataclass, field

_providers = defaultdict(list)


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def register(place, provider):
    if provider not in _providers[place]:
        _providers[place].append(provider)


def panels_for(place, request, obj):
    panels = [panel for provider in _providers[place] if (panel := provider(request, obj)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
