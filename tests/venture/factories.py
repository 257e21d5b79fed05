"""Factories of venture records: a round with its rubric and tranche plan, proposals at any state."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import OrganizationFactory, RubricFactory, UserFactory
from venture.models import Activity, Area, Assignment, BudgetLine, Proposal, Round, TranchePlanItem
from venture.services import refresh_totals

# What the mid-term and final evaluations of a funded project are scored on.
IMPLEMENTATION = [("执行进度", 25), ("目标达成", 25), ("服务对象满意度", 20), ("资金使用规范", 20), ("档案与宣传", 10)]


def _today():
    return timezone.localdate()


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round by default: the call opened yesterday, submissions close in ten days."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"第{n}届公益创投大赛")
    code = factory.Sequence(lambda n: f"R{n}")
    fund_pool = Decimal("440000")
    max_grant = Decimal("50000")
    opens_on = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1))
    submission_deadline = factory.LazyAttribute(lambda r: r.opens_on + datetime.timedelta(days=10))
    review_starts_on = factory.LazyAttribute(lambda r: r.submission_deadline + datetime.timedelta(days=1))
    review_deadline = factory.LazyAttribute(lambda r: r.review_starts_on + datetime.timedelta(days=14))
    announcement_starts_on = factory.LazyAttribute(lambda r: r.review_deadline + datetime.timedelta(days=1))
    announcement_ends_on = factory.LazyAttribute(lambda r: r.announcement_starts_on + datetime.timedelta(days=6))
    signing_by = factory.LazyAttribute(lambda r: r.announcement_ends_on + datetime.timedelta(days=14))
    experts_per_proposal = 3
    blind = True
    rubric = factory.SubFactory(RubricFactory)
    implementation_rubric = factory.SubFactory(RubricFactory, criteria=IMPLEMENTATION)
    favoured_areas = factory.LazyFunction(lambda: [a.value for a in Area])

    @factory.post_generation
    def plan(self, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted or [(50, "signing"), (30, "midterm"), (20, "final")]
        for order, (percentage, condition) in enumerate(rows):
            TranchePlanItem.objects.create(round=self, order=order, percentage=percentage, condition=condition)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A complete draft that may be submitted as it is: budget ¥30,000, one activity."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    organization = factory.SubFactory(OrganizationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"社区项目{n}")
    area = Area.ELDERLY_CARE
    need = "社区空巢老人缺少日间照料"
    goals = "为50位老人提供助餐服务"
    beneficiaries = "空巢老人"
    beneficiaries_target = 50
    team = "项目负责人王某某、社工两名"
    team_size = 3
    indicators = "助餐服务 2000 人次"

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        BudgetLine.objects.create(
            proposal=self, category="activities", item="助餐食材", unit_price=Decimal("15"), quantity=2000, cofunded=0
        )
        Activity.objects.create(
            proposal=self, name="助餐服务", starts_on=_today(), ends_on=_today() + datetime.timedelta(days=90)
        )
        refresh_totals(self)


def set_state(proposal, state):
    """Put a proposal straight into a state for a test (the FSM field is protected)."""
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    proposal.refresh_from_db()
    return proposal


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    proposal = factory.SubFactory(ProposalFactory)
    expert = factory.SubFactory(UserFactory, roles=["expert"])
    due_on = factory.LazyAttribute(lambda a: a.proposal.round.review_deadline)
    assigned_by = factory.SubFactory(UserFactory)
    conflict = Assignment.Conflict.NONE
