"""The navigation bar stays on one row at 1280 px: a role with many entries gets each app's entries folded into
its menu, and still reaches every entry of its workspace from the bar."""

import re

import pytest

from incubator.navigation import MAX_UNFOLDED, Menu, items_for
from incubator.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOP_LEVEL = re.compile(r'<li class="nav-item(?: dropdown)?">\s*<a class="nav-link')
MENU_ENTRY = re.compile(r'<a class="dropdown-item" href="([^"]+)">')


def bar_of(client, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    return html[html.index('id="park-nav"') : html.index("</nav>")]


def test_a_role_with_every_staff_role_sees_one_row_of_menus_and_reaches_every_entry(client):
    user = UserFactory(roles=[Role.PARK_STAFF, Role.PARTY_STAFF], is_staff=True)
    main = items_for(user)["main"]
    assert len(main) > MAX_UNFOLDED

    bar = bar_of(client, user)
    menus = [entry for entry in items_for(user)["bar"] if isinstance(entry, Menu)]
    assert {str(menu.label) for menu in menus} >= {"组织孵化", "公益创投", "党建"}
    # The entries on the bar itself (the app menus and the lone entries), then notifications, account, sign-out.
    assert len(TOP_LEVEL.findall(bar)) <= MAX_UNFOLDED + 2
    reachable = set(MENU_ENTRY.findall(bar)) | set(re.findall(r'class="nav-link text-nowrap" href="([^"]+)"', bar))
    assert {item.url for item in main} <= reachable


def test_a_role_with_few_entries_keeps_them_on_the_bar_unfolded(client):
    user = UserFactory(roles=[Role.APPLICANT])
    bar = bar_of(client, user)
    assert "dropdown-item" not in bar
    assert all(item.url in bar for item in items_for(user)["main"])
