"""Panels one app shows on another app's record page without either importing the other.

The page owner calls `panels_for("organization", request, organization)` and includes each panel's template;
another app offers a provider for that place in its contribution (incubator.protocol):

    Contribution(panels={"organization": provider})   # provider(request, obj) -> Panel or None (nothing to show)
"""

from dataclasses import dataclass, field

from . import protocol


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def panels_for(place, request, obj):
    providers = [mapping[place] for mapping in protocol.collect("panels") if place in mapping]
    panels = [panel for provider in providers if (panel := provider(request, obj)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
