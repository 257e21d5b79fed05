"""The first round of March 2014 as the article tells it: 52 proposals, 12 funded for ¥440,000 (among them
"那日松"青少年成长项目 and 乌日达妇女手工制作中心's "巧手圆梦开心手工坊"), closed with its scores, the drawn
panel, the announcement and its objection, and every tranche paid."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from ..models import Award, CoachingRecord, Objection, ProgressReport, ProposalState
from .draw import draw_2014
from .participants import NAMED
from .records import TITLES, add_agreement, add_reviews, store_standings, upsert_proposal, upsert_round

S = ProposalState
D = datetime.date
# The twelve grants of 2014, ¥440,000 in all, in rank order.
GRANTS_2014 = [50000, 45000, 40000, 40000, 38000, 36000, 35000, 35000, 33000, 30000, 30000, 28000]


def seed_first_round(rubric, organizations, experts, staff):
    round_ = upsert_round(
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
        proposal = upsert_proposal(
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
    add_reviews(round_, reviewed, draw_2014(round_, reviewed, experts, staff), staff, rng, quality)
    store_standings(round_, reviewed)
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
        add_agreement(award, D(2014, 4, 25), 3, staff)
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
