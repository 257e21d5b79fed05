"""Excel exports: proposals, score sheet (every expert × criterion) and ranking; formulas neutralised."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from incubator.spreadsheets import safe_cell as neutralise
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory
from tests.jobs import export
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import score_all, screened
from venture import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\t=x"])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["普通文本", "", 12, Decimal("3.5"), None, "a=b"])
def test_other_values_pass_through(value):
    assert neutralise(value) == value


def _cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [[c.value for c in row] for row in workbook.active.iter_rows()]


@pytest.fixture
def reviewed():
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=2)
    organization = OrganizationFactory(name='=HYPERLINK("http://x")组织')
    proposal = ProposalFactory(round=round_, organization=organization, title="@恶意标题")
    screened(proposal, staff)
    experts = [ExpertProfileFactory().user for _ in range(2)]
    for expert in experts:
        score_all(services.assign_expert(staff, proposal, expert), Decimal("0.5"), comment="-注释")
    return staff, round_, proposal, experts


def test_the_score_sheet_has_every_expert_by_criterion(client, reviewed):
    staff, round_, proposal, experts = reviewed
    client.force_login(staff)
    rows = _cells(export(client, reverse("venture:export_round", args=[round_.pk, "scores"])))
    header, body = rows[0], rows[1:]
    criteria = list(round_.rubric.criteria.all())
    assert len(body) == 2 and len(header) == 4 + len(criteria) + 4
    assert {row[3] for row in body} == {str(e) for e in experts}
    assert body[0][1] == "'@恶意标题" and body[0][2].startswith("'=")
    assert body[0][-4] == 50 and body[0][-2:] == [None, None]  # the panel score and rank come with closing


def test_proposals_and_ranking_exports_neutralise_every_cell(client, reviewed):
    staff, round_, proposal, _experts = reviewed
    services.close_review(staff, round_)
    services.award(staff, proposal, "10000", "=部分资助")
    client.force_login(staff)
    for what in ("proposals", "ranking"):
        values = [
            v
            for row in _cells(export(client, reverse("venture:export_round", args=[round_.pk, what])))
            for v in row
            if isinstance(v, str)
        ]
        assert values and not any(v.startswith(("=", "+", "-", "@")) for v in values)
    ranking = _cells(export(client, reverse("venture:export_round", args=[round_.pk, "ranking"])))
    assert ranking[1][6] == 10000 and ranking[1][7] == "'=部分资助"
    assert client.post(reverse("venture:export_round", args=[round_.pk, "other"])).status_code == 404


def test_the_expert_sheet_lists_only_own_assignments(client, reviewed):
    _staff, round_, proposal, experts = reviewed
    other = ProposalFactory(round=round_)
    client.force_login(experts[0])
    cells = [str(v) for row in _cells(client.get(reverse("venture:expert_scores")).content) for v in row]
    assert proposal.code in cells and other.code not in cells
    assert not any("HYPERLINK" in c for c in cells)  # blind round: no organization
