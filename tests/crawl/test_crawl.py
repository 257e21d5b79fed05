"""Every page each demo role can reach from the home page, on the database the suite runs on (PostgreSQL in
`make test`, SQLite as `make demo` uses it in CI's second run): no server error, no dead link, no debug text, no
English in the Chinese interface."""

import pytest
from django.test import Client

from incubator.models import User

from .conftest import PENDING
from .crawler import Crawl, choice_codes

ROLES = [None, "admin", "staff", "partystaff", "applicant", "expert", "instructor", PENDING]


@pytest.mark.parametrize("username", ROLES, ids=[name or "anonymous" for name in ROLES])
def test_every_page_a_role_reaches_answers_in_chinese_without_errors(demo_park, db, username):
    client = Client(raise_request_exception=False)
    if username:
        client.force_login(User.objects.get(username=username))
    crawl = Crawl(client, choice_codes(), signed_in=bool(username)).run("/")
    print(f"{username or 'anonymous'}: {len(crawl.visited)} pages, skipped {sum(crawl.skipped.values())} links")
    if crawl.findings:
        pytest.fail(f"{len(crawl.findings)} findings for {username or 'anonymous'}:\n{crawl.report()}", pytrace=False)
