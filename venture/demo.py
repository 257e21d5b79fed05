"""Demo of the competition: the first round of March 2014 (52 proposals, 12 funded for ¥440,000, among
them "那日松"青少年成长项目 and 乌日达妇女手工制作中心's "巧手圆梦开心手工坊"), closed with its scores,
announcement and tranches; and a round in progress with proposals at every step. Idempotent: records are
keyed on natural names (round code, proposal number, usernames)."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from incubator import scoring
from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import Criterion, Rubric, Site, User
from incubator.roles import Role
from orgs.models import Category, ExpertProfile, Membership, Organization, RegistrationType

from .models import (
    Activity,
    Agreement,
    Assignment,
    Award,
    BudgetLine,
    CoachingRecord,
    Objection,
    ProgressReport,
    Proposal,
    ProposalState,
    Review,
    Round,
    Score,
    Tranche,
    TranchePlanItem,
)
from .pool_demo import draw_2014

S = ProposalState
D = datetime.date
RUBRIC = [("需求分析", 20), ("项目设计", 25), ("执行能力", 20), ("预算合理性", 15), ("创新性", 10), ("可持续性", 10)]
PLAN = [(50, "signing"), (30, "midterm"), (20, "final")]
# The article's four organizations first; the rest of the 52 applicants are taken from the registry.
NAMED = [
    ("乌日达妇女手工制作中心", Category.CHARITY, "巧手圆梦开心手工坊", "livelihood"),
    ("未来星宝贝成长发展中心", Category.CIVIC_EDUCATION, "“那日松”青少年成长项目", "youth_work"),
    ("伊旗春晖助餐服务中心", Category.COMMUNITY_SERVICE, "空巢老人爱心助餐", "elderly_care"),
    ("桃林公益事业发展中心", Category.CHARITY, "桃林助学圆梦行动", "livelihood"),
]
# The twelve grants of 2014, ¥440,000 in all, in rank order.
GRANTS_2014 = [50000, 45000, 40000, 40000, 38000, 36000, 35000, 35000, 33000, 30000, 30000, 28000]
EXPERTS = [
    ("expert", "评审专家（演示）", "内蒙古某高校社会工作系"),
    ("expert2", "评审专家二（演示）", "鄂尔多斯某社工机构"),
    ("expert3", "评审专家三（演示）", "旗民政局退休干部"),
    ("expert4", "评审专家四（演示）", "某会计师事务所"),
    ("expert5", "评审专家五（演示）", "某高校公共管理学院"),
    ("expert6", "评审专家六（演示）", "某公益基金会"),
]
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


def seed(stdout=None):
    site = Site.objects.order_by("order", "id").first()
    staff = User.objects.filter(username="staff").first() or User.objects.filter(is_superuser=True).first()
    experts = _experts()
    rubric = _rubric()
    organizations = _organizations(site, 60)
    applicant = User.objects.filter(username="applicant").first()
    if applicant:
        Membership.objects.get_or_create(
            user=applicant,
            defaults={"organization": organizations[0], "confirmed_at": timezone.now(), "position": "负责人"},
        )
    first = _first_round(rubric, organizations, experts, staff)
    current = _current_round(rubric, organizations, experts, staff)
    if stdout:
        funded = Award.objects.filter(round=first)
        stdout.write(
            f"venture: {first.title}: {first.proposals.count()} proposals, {funded.count()} funded, "
            f"¥{sum(a.amount for a in funded)}; {current.title}: {current.proposals.count()} proposals"
        )
    return [(username, DEMO_PASSWORD, str(Role.EXPERT.label)) for username, _n, _a in EXPERTS[1:]]


def _experts():
    group = Group.objects.get(name=Role.EXPERT)
    users = []
    for username, full_name, affiliation in EXPERTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        ExpertProfile.objects.get_or_create(user=user, defaults={"affiliation": affiliation, "title": "副教授"})
        users.append(user)
    return users


def _rubric():
    rubric, _created = Rubric.objects.get_or_create(name="公益创投项目评审表", defaults={"pass_mark": Decimal("60")})
    for order, (name, weight) in enumerate(RUBRIC):
        Criterion.objects.update_or_create(
            rubric=rubric, name=name, defaults={"weight": weight, "max_score": weight, "order": order}
        )
    return rubric


def _organizations(site, count):
    named = []
    for name, category, _title, _area in NAMED:
        organization, _created = Organization.objects.get_or_create(
            name=name,
            defaults={
                "registration_type": RegistrationType.GRASSROOTS,
                "category": category,
                "site": site,
                "person_in_charge": "负责人（演示）",
            },
        )
        named.append(organization)
    others = list(Organization.objects.exclude(pk__in=[o.pk for o in named]).order_by("id")[: count - len(named)])
    for n in range(len(others), count - len(named)):
        organization, _created = Organization.objects.get_or_create(
            name=f"演示社区公益服务队{n + 1:02d}",
            defaults={
                "registration_type": RegistrationType.GRASSROOTS,
                "category": Category.COMMUNITY_SERVICE,
                "site": site,
                "person_in_charge": "负责人（演示）",
            },
        )
        others.append(organization)
    return named + others


def _round(code, **fields):
    plan = fields.pop("plan", PLAN)
    round_, _created = upsert(Round, code=code, defaults=fields)
    if not round_.tranche_plan.exists():
        TranchePlanItem.objects.bulk_create(
            TranchePlanItem(round=round_, order=i, percentage=p, condition=c) for i, (p, c) in enumerate(plan)
        )
    return round_


def _proposal(round_, number, organization, title, area, state, requested, **fields):
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


def _reviews(round_, proposals, experts, staff, rng, quality, submitted=True):
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


def _agreement(award, signed_on, paid_through, staff, after="waiting"):
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


def _first_round(rubric, organizations, experts, staff):
    round_ = _round(
        "2014-1",
        title="2014年伊金霍洛旗第一届公益创投大赛",
        fund_pool=Decimal("440000"),
        max_grant=Decimal("50000"),
        description="以社会组织发展专项资金竞争性分配，扶持初创期和小型社会组织开展社区服务与党建服务项目。",
        favoured_areas=["elderly_care", "community_culture", "youth_work", "org_development", "livelihood"],
        opens_on=D(2014, 3, 1),
        submission_deadline=D(2014, 3, 20),
        review_starts_on=D(2014, 3, 21),
        review_deadline=D(2014, 4, 5),
        announcement_starts_on=D(2014, 4, 8),
        announcement_ends_on=D(2014, 4, 14),
        signing_by=D(2014, 4, 30),
        experts_per_proposal=5,
        blind=True,
        rubric=rubric,
        required_documents="项目申报书\n登记证书或团队成员名单",
        review_closed_at=timezone.make_aware(datetime.datetime(2014, 4, 6, 10)),
        announced_at=timezone.make_aware(datetime.datetime(2014, 4, 8, 9)),
        finalized_at=timezone.make_aware(datetime.datetime(2014, 4, 15, 9)),
    )
    rng = random.Random(2014)
    proposals, quality = [], {}
    # 52 proposals: ranks 1-12 funded (the two the article names among them), 32 more reviewed, 8 rejected.
    order = [1, 0] + list(range(2, 52))  # 那日松 ranks first, 巧手圆梦 second
    for rank, index in enumerate(order, start=1):
        organization = organizations[index]
        if index < len(NAMED):
            title, area = NAMED[index][2], NAMED[index][3]
        else:
            title, area = (
                f"{TITLES[index % len(TITLES)]}项目（{index + 1}）",
                ["elderly_care", "community_culture", "youth_work", "org_development", "livelihood"][index % 5],
            )
        extra = {}
        if index == 0:
            extra = {
                "need": "农牧民转移进城的妇女缺少就业技能，家庭收入不稳定。",
                "goals": "开设蒙古族刺绣和首饰制作培训班，培训70名妇女，帮助她们实现再就业。",
                "beneficiaries": "农村牧区转移妇女",
                "beneficiaries_target": 70,
            }
        if rank <= 12:
            grant = GRANTS_2014[rank - 1]
            state, requested = S.CLOSED, grant
        elif rank <= 44:
            state, requested = S.DECLINED, 30000 + 1000 * (rank % 15)
        else:
            state, requested = S.REJECTED, 20000 + 1000 * (rank % 10)
        proposal = _proposal(
            round_,
            index + 1,
            organization,
            title,
            area,
            state,
            requested,
            rank=rank if rank <= 44 else None,
            decision_reason="申报主体不符合本届资助范围" if state == S.REJECTED else "",
            **extra,
        )
        proposals.append((rank, proposal))
        quality[proposal.pk] = 0.92 - rank * 0.008
    reviewed = [p for rank, p in proposals if rank <= 44]
    _reviews(round_, reviewed, draw_2014(round_, reviewed, experts, staff), staff, rng, quality)
    for proposal in reviewed:
        totals = [r.total for r in Review.objects.filter(assignment__proposal=proposal)]
        Proposal.objects.filter(pk=proposal.pk).update(score=scoring.panel_result(totals).result)
    for rank, proposal in proposals[:12]:
        award, _created = Award.objects.get_or_create(
            proposal=proposal,
            defaults={
                "round": round_,
                "amount": Decimal(GRANTS_2014[rank - 1]),
                "decided_by": staff,
                "decided_at": timezone.make_aware(datetime.datetime(2014, 4, 7, 15)),
            },
        )
        _agreement(award, D(2014, 4, 25), 3, staff)
        report, _created = ProgressReport.objects.get_or_create(
            proposal=proposal,
            kind="final",
            defaults={
                "due_on": D(2015, 3, 31),
                "submitted_at": timezone.make_aware(datetime.datetime(2015, 3, 25, 10)),
                "activities_done": "按计划完成全部活动",
                "beneficiaries_reached": proposal.beneficiaries_target,
                "spent": award.amount,
                "narrative": "项目顺利结项。",
            },
        )
    qiaoshou = proposals[1][1]
    ProgressReport.objects.filter(proposal=qiaoshou, kind="final").update(
        activities_done="举办蒙古族刺绣、首饰制作培训班6期",
        beneficiaries_reached=70,
        narrative="培训农牧民转移妇女70名，多人实现再就业。",
    )
    CoachingRecord.objects.get_or_create(
        proposal=qiaoshou,
        kind="site_visit",
        on=D(2014, 7, 10),
        defaults={"notes": "实地查看刺绣培训课堂，学员作品已开始接单销售。", "by": staff},
    )
    Objection.objects.get_or_create(
        round=round_,
        proposal=proposals[5][1],
        name="居民（演示）",
        defaults={
            "contact": "13800000000",
            "text": "该项目与社区已有服务重复。",
            "outcome": "dismissed",
            "handling": "经核实，项目服务对象与现有服务不重叠，维持拟资助结果。",
            "handled_by": staff,
            "filed_at": timezone.make_aware(datetime.datetime(2014, 4, 10, 9)),
            "handled_at": timezone.make_aware(datetime.datetime(2014, 4, 12, 16)),
        },
    )
    return round_


def _current_round(rubric, organizations, experts, staff):
    """A round under way, with proposals at every step (demo data: the states are set directly)."""
    today = timezone.localdate()
    round_ = _round(
        "demo-current",
        title="第十三届公益创投大赛（演示）",
        fund_pool=Decimal("600000"),
        max_grant=Decimal("60000"),
        cofunding_share=Decimal("10"),
        description="进行中的一届：可在线申报、评审、公示与签约。",
        favoured_areas=["elderly_care", "community_culture", "youth_work", "org_development", "livelihood"],
        opens_on=today - datetime.timedelta(days=20),
        submission_deadline=today + datetime.timedelta(days=10),
        review_starts_on=today + datetime.timedelta(days=11),
        review_deadline=today + datetime.timedelta(days=25),
        announcement_starts_on=today + datetime.timedelta(days=27),
        announcement_ends_on=today + datetime.timedelta(days=33),
        signing_by=today + datetime.timedelta(days=45),
        experts_per_proposal=5,
        blind=True,
        rubric=rubric,
        required_documents="项目申报书",
    )
    states = [
        S.DRAFT,
        S.SUBMITTED,
        S.RETURNED,
        S.REJECTED,
        S.SCREENED,
        S.IN_REVIEW,
        S.IN_REVIEW,
        S.RANKED,
        S.PROPOSED,
        S.ANNOUNCED,
        S.AWARDED,
        S.DECLINED,
        S.SIGNED,
        S.IN_PROGRESS,
        S.MIDTERM_PASSED,
        S.MIDTERM_FAILED,
        S.FINAL_EVALUATED,
        S.CLOSED,
        S.WITHDRAWN,
    ]
    rng = random.Random(2026)
    proposals = {}
    for number, state in enumerate(states, start=1):
        # The demo applicant's organization holds the draft and the project in progress.
        organization = organizations[0] if state in (S.DRAFT, S.IN_PROGRESS) else organizations[number + 4]
        title = f"{TITLES[number % len(TITLES)]}（{state.label}）"
        proposal = _proposal(
            round_,
            number,
            organization,
            title,
            "elderly_care",
            state,
            40000,
            cofunded_amount=Decimal("5000"),
            decision_reason="缺少项目预算明细，请补正后重新提交"
            if state == S.RETURNED
            else ("不属于本届资助范围" if state == S.REJECTED else ""),
            returned_once=state == S.RETURNED,
        )
        proposals.setdefault(state, []).append(proposal)
    in_review = proposals[S.IN_REVIEW]
    for proposal in in_review:
        for expert in experts[:5]:
            Assignment.objects.get_or_create(
                proposal=proposal,
                expert=expert,
                kind="proposal",
                defaults={"due_on": round_.review_deadline, "assigned_by": staff},
            )
    # The demo expert has scored one of the two (a draft), the other waits for the declaration.
    assignment = Assignment.objects.get(proposal=in_review[0], expert=experts[0], kind="proposal")
    if assignment.conflict == "undeclared":
        Assignment.objects.filter(pk=assignment.pk).update(conflict="none", declared_at=timezone.now())
    later = [p for s in states[7:18] for p in proposals.get(s, []) if s not in (S.DECLINED,)]
    _reviews(round_, later, experts, staff, rng, {p.pk: 0.8 for p in later})
    for rank, proposal in enumerate(later, start=1):
        Proposal.objects.filter(pk=proposal.pk).update(rank=rank, score=Decimal("80") - rank)
        if proposal.state in (S.RANKED,):
            continue
        award, _created = Award.objects.get_or_create(
            proposal=proposal, defaults={"round": round_, "amount": Decimal("35000"), "decided_by": staff}
        )
        # paid tranches, and the state of the next one
        progress = {
            S.SIGNED: (0, "released"),
            S.IN_PROGRESS: (1, "waiting"),
            S.MIDTERM_PASSED: (1, "released"),
            S.MIDTERM_FAILED: (1, "stopped"),
            S.FINAL_EVALUATED: (2, "released"),
            S.CLOSED: (3, "waiting"),
        }
        if proposal.state in progress:
            paid, after = progress[proposal.state]
            _agreement(award, today - datetime.timedelta(days=200), paid, staff, after)
    running = proposals[S.IN_PROGRESS][0]
    ProgressReport.objects.get_or_create(
        proposal=running, kind="midterm", defaults={"due_on": today + datetime.timedelta(days=5)}
    )
    return round_
