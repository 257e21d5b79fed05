"""The records a demo round is made of: the round with its tranche plan, a proposal with its budget and
activities, the experts' reviews, and an agreement with its tranches. Each is found again on a later run."""

import datetime
from decimal import Decimal

from django.utils import timezone

from incubator import scoring
from incubator.demo import upsert
from orgs import services as orgs_services

from ..models import (
    Activity,
    Agreement,
    Assignment,
    BudgetLine,
    Proposal,
    Review,
    Round,
    Score,
    Tranche,
    TranchePlanItem,
)
from ..selectors import standings

PLAN = [(50, "signing"), (30, "midterm"), (20, "final")]
TITLES = [
    "社区老年人日间照料",
    "留守儿童课后陪伴",
    "社区文化广场舞推广",
    "残障人士康复支持",
    "青少年心理健康辅导",
    "社区环保宣传行动",
    "外来务工人员子女融入",
    "社区矛盾调解服务",
    "老年人智能手机培训",
    "社区图书角建设",
    "失独家庭关爱",
    "蒙古族民俗文化传承",
]


def upsert_round(code, **fields):
    plan = fields.pop("plan", PLAN)
    round_, _created = upsert(Round, code=code, defaults=fields)
    if not round_.tranche_plan.exists():
        TranchePlanItem.objects.bulk_create(
            TranchePlanItem(round=round_, order=i, percentage=p, condition=c) for i, (p, c) in enumerate(plan)
        )
    return round_


def upsert_proposal(round_, number, organization, title, area, state, requested, **fields):
    """Create or refresh one proposal (the state is set directly: demo data, not a transition)."""
    values = {
        "organization": organization,
        "title": title,
        "area": area,
        "state": state,
        "requested_amount": Decimal(requested),
        "need": fields.pop("need", "社区居民的现实需求（演示）"),
        "goals": fields.pop("goals", "服务目标与预期成效（演示）"),
        "beneficiaries": fields.pop("beneficiaries", "社区居民"),
        "beneficiaries_target": fields.pop("beneficiaries_target", 100),
        "team": "项目负责人及志愿者（演示）",
        "team_size": 4,
        "indicators": "服务人次、满意度",
        **fields,
    }
    existing = Proposal.objects.filter(round=round_, number=number)
    if existing.exists():
        existing.update(**values)
        proposal = existing.get()
    else:
        proposal = Proposal.objects.create(round=round_, number=number, **values)
    if not proposal.budget_lines.exists():
        # Two lines adding up to the request plus the organization's own share.
        cofunded = values.get("cofunded_amount", Decimal(0))
        activities = (Decimal(requested) * 6 / 10).quantize(Decimal("0.01"))
        BudgetLine.objects.create(
            proposal=proposal,
            category="activities",
            item="活动费",
            unit_price=activities + cofunded,
            quantity=1,
            cofunded=cofunded,
            order=0,
        )
        BudgetLine.objects.create(
            proposal=proposal,
            category="materials",
            item="物资费",
            unit_price=Decimal(requested) - activities,
            quantity=1,
            order=1,
        )
        start = round_.signing_by
        Activity.objects.create(
            proposal=proposal,
            name="项目活动",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=180),
            target="按计划开展",
        )
    return proposal


def add_reviews(round_, proposals, experts, staff, rng, quality, submitted=True):
    """Five experts' scores for each proposal (quality: proposal id -> fraction of the maximum)."""
    criteria = list(round_.rubric.criteria.all())
    for proposal in proposals:
        # The five experts spread symmetrically around the proposal's quality, so the panel keeps the order.
        offsets = rng.sample([-0.06, -0.03, 0.0, 0.03, 0.06], 5)
        for expert, offset in zip(experts[:5], offsets, strict=False):
            assignment, _created = Assignment.objects.get_or_create(
                proposal=proposal,
                expert=expert,
                kind="proposal",
                defaults={
                    "due_on": round_.review_deadline,
                    "assigned_by": staff,
                    "conflict": "none",
                    "declared_at": timezone.now(),
                },
            )
            if hasattr(assignment, "review"):
                continue
            values = {
                c.pk: (c.max_score * Decimal(str(min(0.99, max(0.3, quality[proposal.pk] + offset))))).quantize(
                    Decimal("0.01")
                )
                for c in criteria
            }
            review = Review.objects.create(
                assignment=assignment,
                state="submitted" if submitted else "draft",
                overall_comment="项目设计合理，建议加强过程记录。",
                total=scoring.weighted_total(values, criteria),
                submitted_at=timezone.now() if submitted else None,
            )
            Score.objects.bulk_create(
                Score(review=review, criterion=c, value=values[c.pk], comment="") for c in criteria
            )
    # An expert who scored has accepted the panel's integrity pledge first, as the pages require.
    for expert in experts[:5]:
        if proposals:
            orgs_services.accept_panel_pledge(expert, round_)


def store_standings(round_, proposals):
    """The score and rank closing the review stores (selectors.standings), from the demo's reviews."""
    for pk, standing in standings(round_, [p.pk for p in proposals]).items():
        Proposal.objects.filter(pk=pk).update(score=standing.score, rank=standing.rank)


def add_agreement(award, signed_on, paid_through, staff, after="waiting"):
    """The agreement with its tranches: the first `paid_through` paid, the next one `after` (released,
    waiting, or stopped after a failed evaluation), the rest waiting or stopped alike."""
    agreement, created = Agreement.objects.get_or_create(
        award=award, defaults={"number": f"{award.proposal.code}-XY", "signed_on": signed_on}
    )
    if created:
        for i, item in enumerate(award.round.tranche_plan.all(), start=1):
            amount = (award.amount * item.percentage / 100).quantize(Decimal("0.01"))
            paid = i <= paid_through
            if paid:
                state = "paid"
            elif after == "stopped":
                state = "stopped"
            else:
                state = after if i == paid_through + 1 else "waiting"
            Tranche.objects.create(
                agreement=agreement,
                order=i,
                percentage=item.percentage,
                condition=item.condition,
                amount=amount,
                state=state,
                paid_on=signed_on + datetime.timedelta(days=120 * (i - 1) + 5) if paid else None,
                paid_amount=amount if paid else None,
                recorded_by=staff if paid else None,
            )
    return agreement
