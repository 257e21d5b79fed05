"""The demo: the first round of March 2014 as the article tells it, a round under way, and every page of
every role renders on it."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from incubator.models import User
from tests.jobs import export
from venture import selectors
from venture.models import Award, Proposal, ProposalState, Round, Tranche

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=__import__("io").StringIO())
    call_command("seed_demo", stdout=__import__("io").StringIO())  # idempotent
    return Round.objects.get(code="2014-1"), Round.objects.get(code="demo-current")


def test_the_first_round_of_2014_as_the_article_tells_it(demo):
    first, _current = demo
    assert first.proposals.count() == 52
    awards = Award.objects.filter(round=first)
    assert awards.count() == 12 and sum(a.amount for a in awards) == Decimal("440000")
    narisong = Proposal.objects.get(round=first, title__contains="那日松")
    qiaoshou = Proposal.objects.get(round=first, title="巧手圆梦开心手工坊")
    assert qiaoshou.organization.name == "乌日达妇女手工制作中心" and qiaoshou.beneficiaries_target == 70
    assert narisong.award and qiaoshou.award
    assert qiaoshou.reports.get(kind="final").beneficiaries_reached == 70
    assert Tranche.objects.filter(agreement__award__round=first, state="paid").count() == 36
    assert first.objections.count() == 1 and first.announced_at and first.finalized_at
    money = selectors.money_summary(first)
    assert money["committed"] == money["paid"] == Decimal("440000")


def test_the_current_round_has_a_proposal_at_every_step(demo):
    _first, current = demo
    states = set(current.proposals.values_list("state", flat=True))
    assert states == set(ProposalState.values)


def test_every_page_renders_for_each_role_on_the_demo(client, demo):
    first, current = demo
    public = [reverse("venture:rounds"), reverse("venture:funded"), reverse("venture:announcement", args=[first.code])]
    public += [reverse("venture:round", args=[round_.code]) for round_ in demo]
    for url in public:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(username="staff"))
    for round_ in demo:
        for name in (
            "staff_round",
            "staff_screening",
            "staff_assignment",
            "staff_review",
            "staff_ranking",
            "staff_objections",
            "staff_agreements",
            "staff_projects",
        ):
            assert client.get(reverse(f"venture:{name}", args=[round_.pk])).status_code == 200, name
        for what in ("proposals", "scores", "ranking"):
            assert export(client, reverse("venture:export_round", args=[round_.pk, what])).startswith(b"PK")
    assert client.get(reverse("venture:staff_rounds")).status_code == 200
    for proposal in current.proposals.all():
        assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 200
    client.force_login(User.objects.get(username="expert"))
    page = client.get(reverse("venture:expert_portal"))
    rows = page.context["pending"] + page.context["done"]
    assert page.status_code == 200 and len(rows) >= 40
    # Pending rows open on the conflict declaration first; submitted ones on the scores.
    for assignment in page.context["pending"][:3] + page.context["done"][:3]:
        url = reverse("venture:expert_evaluation", args=[assignment.proposal_id, assignment.kind])
        assert client.get(url, follow=True).status_code == 200
    client.force_login(User.objects.get(username="applicant"))
    page = client.get(reverse("venture:my_proposals"))
    assert page.status_code == 200 and "巧手圆梦开心手工坊" in page.content.decode()
    for proposal in page.context["proposals"]:
        assert client.get(reverse("venture:proposal", args=[proposal.pk])).status_code == 200
    draft = current.proposals.get(state=ProposalState.DRAFT)
    assert client.get(reverse("venture:proposal_edit", args=[draft.pk])).status_code == 200
    assert client.get(reverse("venture:apply", args=[current.code])).status_code == 200


def test_every_venture_admin_page_renders_with_its_history(client, demo):
    from django.contrib import admin

    client.force_login(User.objects.get(username="admin"))
    for model, _model_admin in admin.site._registry.items():
        if model._meta.app_label != "venture":
            continue
        opts = model._meta
        assert client.get(reverse(f"admin:venture_{opts.model_name}_changelist")).status_code == 200, opts.model_name
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:venture_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, opts.model_name
            if hasattr(obj, "history"):
                history = reverse(f"admin:venture_{opts.model_name}_history", args=[obj.pk])
                assert client.get(history).status_code == 200, opts.model_name
    assert client.get(reverse("admin:venture_round_add")).status_code == 200
