"""The navigation each role sees, gathered from what each app contributes (incubator.protocol), so the core
never needs to know the apps' URLs."""

from dataclasses import dataclass

from . import protocol


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    description: str = ""
    order: int = 50
    # "main": the navigation bar and the workspace; "signup": how a visitor gets an account (the sign-in page,
    # the home page and the bar offer it to visitors).
    place: str = "main"


def items_for(user):
    """{place: [NavItem] in order} for the user, every app asked once."""
    by_place = {}
    for item in sorted(
        (i for provider in protocol.collect("navigation") for i in provider(user)), key=lambda i: i.order
    ):
        by_place.setdefault(item.place, []).append(item)
    return by_place
