"""An objection is resolved once, by one service, through every door (workbench, admin action, service): an
upheld one withdraws the award everywhere; the admin shows the record read-only. A round's pool cannot go
below what it has committed, whether changed in the admin or anywhere its clean runs."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import ExpertProfileFactory, StaffFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, score_all, screened
from venture import selectors, services
from venture.models import Award, Objection, ProposalState, Round

S = ProposalState
pytestmark = pytest.mark.django_db


@pytest.fixture
def objected():
    staff = StaffFactory()
    round_ = RoundFactory(experts_per_proposal=1)
    proposal = ProposalFactory(round=round_)
    screened(proposal, staff)
    score_all(services.assign_expert(staff, proposal, ExpertProfileFactory().user), Decimal("0.8"))
    services.close_review(staff, round_)
    services.award(staff, proposal, "30000")
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    objection = services.file_objection(round_, proposal, "居民", "13900000000", "该组织去年项目未完成")
    return staff, round_, proposal, objection


def _withdrawn(round_, proposal, objection, by):
    proposal.refresh_from_db()
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.UPHELD and objection.handled_by == by and objection.handled_at
    assert proposal.state == S.DECLINED and not Award.objects.filter(proposal=proposal).exists()
    assert selectors.money_summary(round_)["committed"] == 0
    assert objection.history.filter(history_user=by, outcome="upheld").exists()


def test_the_outcome_changes_only_by_its_transitions(objected):
    _staff, _round, _proposal, objection = objected
    with pytest.raises(AttributeError):
        objection.outcome = Objection.Outcome.UPHELD


def test_upheld_through_the_service(objected):
    staff, round_, proposal, objection = objected
    services.handle_objection(staff, objection, "upheld", "经核实属实，撤销资助")
    _withdrawn(round_, proposal, objection, staff)
    with pytest.raises(ValidationError, match="已处理|already resolved"):
        services.handle_objection(staff, objection, "dismissed", "再次处理")


def test_upheld_on_the_workbench(client, objected):
    staff, round_, proposal, objection = objected
    client.force_login(staff)
    url = reverse("venture:handle_objection", args=[objection.pk])
    client.post(url, {"outcome": "upheld", "handling": "经核实属实，撤销资助"})
    _withdrawn(round_, proposal, objection, staff)


def test_upheld_by_the_admin_action_with_the_same_service_and_refusal(client, objected):
    _staff, round_, proposal, objection = objected
    admin_user = StaffFactory()
    client.force_login(admin_user)
    changelist = reverse("admin:venture_objection_changelist")
    asked = client.post(changelist, {"action": "uphold", "_selected_action": [objection.pk]})
    assert asked.status_code == 200 and 'name="handling"' in asked.content.decode()  # it asks how it was handled
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.OPEN
    done = {"action": "uphold", "_selected_action": [objection.pk], "apply": "1", "handling": "经核实属实，撤销资助"}
    client.post(changelist, done)
    _withdrawn(round_, proposal, objection, admin_user)
    again = client.post(changelist, {**done, "action": "dismiss"}, follow=True)
    assert "已处理" in again.content.decode() or "already resolved" in again.content.decode()
    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.UPHELD


def test_the_admin_change_form_shows_the_objection_read_only(client, objected):
    _staff, _round, _proposal, objection = objected
    client.force_login(StaffFactory())
    page = client.get(reverse("admin:venture_objection_change", args=[objection.pk])).content.decode()
    assert 'name="outcome"' not in page and 'name="handling"' not in page
    assert client.get(reverse("admin:venture_objection_add")).status_code == 403


def test_the_pool_cannot_go_below_what_is_committed(objected):
    _staff, round_, _proposal, _objection = objected
    round_.fund_pool = Decimal("29999")
    with pytest.raises(ValidationError) as refused:
        round_.full_clean()
    assert "fund_pool" in refused.value.message_dict and "30000" in str(refused.value)
    round_.fund_pool = Decimal("30000")
    round_.max_grant = Decimal("30000")
    round_.full_clean()


def test_the_admin_form_refuses_a_pool_below_what_is_committed(objected):
    _staff, round_, _proposal, _objection = objected
    admin_user = StaffFactory()
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin = admin.site._registry[Round]
    form_class = model_admin.get_form(request, round_)
    initial = form_class(instance=round_).initial
    data = {k: v for k, v in initial.items() if v is not None}
    data |= {"fund_pool": "20000", "max_grant": "20000", "eligible_sites": [], "rubric": round_.rubric_id}
    form = form_class(data=data, instance=round_)
    assert not form.is_valid()
    assert "fund_pool" in form.errors and "30000" in form.errors["fund_pool"][0]
    assert Round.objects.get(pk=round_.pk).fund_pool == Decimal("440000")
