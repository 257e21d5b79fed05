"""Every kind of page each demo role reaches, audited with axe-core in Chromium at 1280 and 375 pixels: no
critical or serious violation of WCAG 2.2 AA (contrast, names, labels, target size …), and a phone's primary
actions at least 44 pixels high."""

from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import sync_playwright

from incubator.models import User

from .accessibility import Audit, fetch, representatives
from .crawler import Crawl, choice_codes
from .test_crawl import ROLES

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.parametrize("username", ROLES, ids=[name or "anonymous" for name in ROLES])
def test_every_kind_of_page_a_role_reaches_passes_axe(demo_park, db, username):
    client = Client(raise_request_exception=False)
    if username:
        client.force_login(User.objects.get(username=username))
    pages = representatives(Crawl(client, choice_codes(), signed_in=bool(username)).run("/").visited)
    fetched = fetch(client, pages)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        audit = Audit(browser, fetched).run()
        browser.close()
    print(f"{username or 'anonymous'}: {audit.audited} audits of {len(pages)} kinds of page")
    if audit.findings:
        pytest.fail(f"{len(audit.findings)} findings for {username or 'anonymous'}:\n{audit.report()}", pytrace=False)
