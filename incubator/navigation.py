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


@dataclass(frozen=True)
class Menu:
    """Entries of one app folded under its name in the navigation bar."""

    label: str
    items: tuple

    @property
    def order(self):
        return self.items[0].order


# More entries than this would wrap the bar onto a second row at 1280 px: each app's entries are then folded
# into its menu.
MAX_UNFOLDED = 7


def _provided(user):
    """(the app's menu name, its NavItem) for each entry the user's roles get, every app asked once."""
    return [
        (contribution.menu, item)
        for _label, contribution in protocol.contributions()
        if contribution.navigation
        for item in contribution.navigation(user)
    ]


def items_for(user):
    """{place: [NavItem] in order} for the user, and under "bar" the navigation bar: the main entries, or, when
    they are too many for one row, each app's entries folded into its menu (a Menu in place of its first)."""
    provided = sorted(_provided(user), key=lambda pair: pair[1].order)
    by_place = {}
    for _menu, item in provided:
        by_place.setdefault(item.place, []).append(item)
    main = [(menu, item) for menu, item in provided if item.place == "main"]
    by_place["bar"] = [item for _menu, item in main] if len(main) <= MAX_UNFOLDED else _folded(main)
    return by_place


def _folded(entries):
    per_menu = {}
    for menu, item in entries:
        per_menu.setdefault(menu, []).append(item)
    bar = []
    for menu, items in per_menu.items():
        if menu and len(items) > 1:
            bar.append(Menu(menu, tuple(items)))
        else:
            bar += items
    return sorted(bar, key=lambda entry: entry.order)
