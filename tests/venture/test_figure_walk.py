"""The figure walk: on the demo park, every round's figures (proposals received, requested, pool, committed,
paid, remaining) and every proposal's score and rank, read from each page, export and public notice that shows
them, agree with the one computation of each (selectors.money_summary, selectors.standings) and so with each
other; and the 2014 round shows what the article tells."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from incubator.models import User
from tests.jobs import export
from venture import selectors
from venture.models import Proposal, Round

pytestmark = pytest.mark.django_db
ROUND_FIGURES = ("proposals", "requested", "pool", "committed", "paid", "unpaid_commitments", "uncommitted")
LISTED = ("proposals", "requested", "pool", "committed", "paid", "uncommitted")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo park as `make demo` loads it, for the module's tests (rolled back after the last one)."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        yield list(Round.objects.order_by("pk"))
        transaction.set_rollback(True)


@pytest.fixture
def staff(client, demo):
    client.force_login(User.objects.get(username="staff"))
    return client


def amount(text):
    return Decimal(re.sub(r"[¥,\s]", "", text))


def figures_in(html, scope=None):
    """{figure: value} of the cells marked data-figure, within the element marked `scope` if given."""
    if scope:
        html = html[html.index(scope) :]
        html = html[: html.index("</dl>") if "</dl>" in html[:4000] else html.index("</tr>")]
    return {name: amount(value) for name, value in re.findall(r'data-figure="(\w+)"[^>]*>(?:<a [^>]*>)?([^<]+)<', html)}


def table_rows(html, testid):
    """The text of each cell of each body row of the table marked data-testid=`testid`."""
    table = html[html.index(f'data-testid="{testid}"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def expected(round_):
    money = selectors.money_summary(round_)
    return {name: Decimal(money[name] if name != "pool" else round_.fund_pool) for name in ROUND_FIGURES}


def test_the_2014_round_shows_what_the_article_tells(demo):
    first = Round.objects.get(code="2014-1")
    assert expected(first) == {
        "proposals": 52,
        "requested": sum(p.requested_amount for p in first.proposals.all()),
        "pool": 440000,
        "committed": 440000,
        "paid": 440000,
        "unpaid_commitments": 0,
        "uncommitted": 0,
    }
    assert selectors.announced_proposals(first).count() == 12


def test_every_round_figure_is_the_same_on_every_staff_page(staff, demo):
    listed = staff.get(reverse("venture:staff_rounds")).content.decode()
    dashboard = staff.get(reverse("dashboard:dashboard")).content.decode()
    for round_ in demo:
        want = expected(round_)
        assert figures_in(listed, f'data-round="{round_.code}"') == {k: want[k] for k in LISTED}, round_.code
        for page in ("staff_round", "staff_ranking"):
            html = staff.get(reverse(f"venture:{page}", args=[round_.pk])).content.decode()
            assert figures_in(html, 'data-testid="money"') == want, (round_.code, page)
        on_dashboard = figures_in(dashboard, f'data-round="{round_.code}"')
        assert on_dashboard == {k: want[k] for k in ("pool", "committed", "paid", "uncommitted")}, round_.code
        # The annual report's money awarded, over every site and field, is the committed of the year's rounds.
        year = round_.opens_on.year
        in_report = sum(row["awarded"] for row in selectors.annual_figures(year).values())
        assert in_report == sum(expected(r)["committed"] for r in demo if r.opens_on.year == year), year
    steps = staff.get(reverse("dashboard:dashboard")).context["money"]["steps"]
    assert sum(step["count"] for step in steps) == sum(expected(r)["proposals"] for r in demo)


def test_every_round_figure_is_the_same_on_the_public_pages_and_exports(client, staff, demo):
    for round_ in demo:
        want = expected(round_)
        public = client.get(reverse("venture:round", args=[round_.code])).content.decode()
        if round_.finalized_at:
            assert figures_in(public, 'data-testid="money"') == want, round_.code
        proposals = load_workbook(
            io.BytesIO(export(staff, reverse("venture:export_round", args=[round_.pk, "proposals"])))
        )
        rows = list(proposals.active.iter_rows(min_row=2, values_only=True))
        assert len(rows) == want["proposals"] and sum(Decimal(r[6]) for r in rows) == want["requested"], round_.code
        announced = selectors.announced_proposals(round_)
        if round_.announced_at:
            assert sum(p.award.amount for p in announced if hasattr(p, "award")) == want["committed"], round_.code


def test_every_rank_and_score_is_the_same_wherever_it_is_printed(client, staff, demo):
    funded = client.get(reverse("venture:funded")).content.decode()
    for round_ in demo:
        ranked = {p.code: p for p in Proposal.objects.filter(round=round_, rank__isnull=False).select_related("round")}
        stored = {code: (p.rank, p.score) for code, p in ranked.items()}
        # The one computation gives what closing stored.
        live = selectors.standings(round_, [p.pk for p in ranked.values()])
        assert {p.code: (live[p.pk].rank, live[p.pk].score) for p in ranked.values()} == stored, round_.code
        # Competition ranks: the first is 1, and a rank is one more than the number of proposals ranked above.
        ranks = sorted(rank for rank, _score in stored.values())
        assert all(rank == 1 + sum(1 for r in ranks if r < rank) for rank in ranks), round_.code
        ranking = staff.get(reverse("venture:staff_ranking", args=[round_.pk])).content.decode()
        rows = table_rows(ranking, "ranking")
        printed = {row[1][0]: (int(row[0][0]), Decimal(row[3][0])) for row in rows}
        assert printed == stored and len(rows) == len(printed), round_.code  # each proposal once
        review = staff.get(reverse("venture:staff_review", args=[round_.pk])).content.decode()
        on_review = {
            row[1][0]: (int(row[0][0]), Decimal(row[7][0]))
            for row in table_rows(review, "aggregate")
            if row[0] != ["—"]
        }
        assert {code: on_review[code] for code in stored} == stored, round_.code
        sheets = staff.get(reverse("venture:staff_sheets", args=[round_.pk]))
        summary = {row["label"].split()[0]: (row["rank"], row["score"]) for row in sheets.context["summary"]}
        assert {code: summary[code] for code in stored} == stored, round_.code
        workbook = load_workbook(
            io.BytesIO(export(staff, reverse("venture:export_round", args=[round_.pk, "ranking"])))
        )
        exported = {
            r[1]: (r[0], Decimal(str(r[4]))) for r in workbook.active.iter_rows(min_row=2, values_only=True) if r[1]
        }
        assert exported == stored, round_.code
        scores = load_workbook(io.BytesIO(export(staff, reverse("venture:export_round", args=[round_.pk, "scores"]))))
        for row in scores.active.iter_rows(min_row=2, values_only=True):
            if row[0] in stored:
                assert (row[-1], Decimal(str(row[-2]))) == stored[row[0]], row[0]
        if round_.announced_at:
            notice = client.get(reverse("venture:announcement", args=[round_.code])).content.decode()
            for row in table_rows(notice, "announced"):
                code = row[1][0]
                assert (int(row[0][0]), Decimal(row[4][0])) == stored[code], code
                award = ranked[code].award
                assert amount(row[5][0]) == award.amount
                if round_.finalized_at:
                    assert f"¥{award.amount}" in funded and ranked[code].title in funded
