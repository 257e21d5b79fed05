"""Demo of the expert pool (专家库): invented experts (no real persons) across every field, a few
unavailable, one suspended, one with a change awaiting approval, some tied to demo organizations."""

from itertools import cycle

from django.contrib.auth.models import Group
from django.utils import timezone

from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import User
from incubator.roles import Role

from ..models import Expertise, ExpertProfile, Organization

SURNAMES = "白包陈达高韩郝贺胡吉康李刘马孟乔苏孙王乌吴杨云张赵周朱奇额阿宝那"
GIVEN = ["晓峰", "淑兰", "志强", "丽娜", "海军", "雅琴", "文博", "慧敏", "建华", "春燕", "国庆", "晨曦"]
AFFILIATIONS = [
    ("鄂尔多斯某高校社会工作系", "副教授"),
    ("某社会工作服务中心", "高级社工师"),
    ("某会计师事务所", "注册会计师"),
    ("某律师事务所", "律师"),
    ("旗民政局（退休）", "高级经济师"),
    ("某公益基金会", "项目总监"),
    ("某社区卫生服务中心", "主治医师"),
    ("某中学", "高级教师"),
    ("市群众艺术馆", "副研究馆员"),
]
POOL_SIZE = 34


def seed_pool():
    """~34 pool experts (pool01…); with the demo's named experts the pool holds about forty."""
    group = Group.objects.get(name=Role.EXPERT)
    fields = cycle(Expertise.values)
    affiliations = cycle(AFFILIATIONS)
    organizations = list(Organization.objects.order_by("id")[:6])
    for n in range(1, POOL_SIZE + 1):
        username = f"pool{n:02d}"
        name = f"{SURNAMES[n % len(SURNAMES)]}{GIVEN[n % len(GIVEN)]}（演示）"
        user, created = upsert(
            User, username=username, defaults={"full_name": name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(group)
        affiliation, title = next(affiliations)
        profile, _created = upsert(
            ExpertProfile,
            user=user,
            defaults={
                "affiliation": affiliation,
                "title": title,
                "fields": [next(fields), next(fields)],
                "available": n % 11 != 0,
            },
            create_defaults={
                "relatives": "配偶在旗教育局工作" if n % 9 == 0 else "",
                "suspended_at": timezone.now() if n == 17 else None,
                "suspension_reason": "上届评审中未如实申报关联关系" if n == 17 else "",
                "pending_change": {"title": "教授", "available": True} if n == 5 else None,
                "pending_since": timezone.now() if n == 5 else None,
            },
        )
        tie = organizations[n % len(organizations)] if n % 7 == 0 and organizations else None
        # add() writes history even for a tie already there; a second seed must write nothing.
        if tie and not profile.tied_organizations.filter(pk=tie.pk).exists():
            profile.tied_organizations.add(tie)
    return POOL_SIZE
