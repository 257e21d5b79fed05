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


def items_for(user, place="main"):
    items = [item for provider in protocol.collect("navigation") for item in provider(user) if item.place == place]
    return sorted(items, key=lambda item: item.order)
