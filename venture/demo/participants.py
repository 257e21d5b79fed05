"""The people and the rubric the demo rounds need: the six named experts, the rubric, and the applicant
organizations (the article's four first, then the registry's)."""

from decimal import Decimal

from django.contrib.auth.models import Group

from incubator.demo import DEMO_PASSWORD
from incubator.models import Criterion, Rubric, User
from incubator.roles import Role
from orgs.models import Category, ExpertProfile, Organization, RegistrationType

# The mid-term and final evaluations of a funded project judge how it is carried out, not the proposal.
IMPLEMENTATION_RUBRIC = [
    ("执行进度", 25),
    ("目标达成", 25),
    ("服务对象满意度", 20),
    ("资金使用规范", 20),
    ("档案与宣传", 10),
]
RUBRIC = [("需求分析", 20), ("项目设计", 25), ("执行能力", 20), ("预算合理性", 15), ("创新性", 10), ("可持续性", 10)]
# The article's four organizations first; the rest of the 52 applicants are taken from the registry.
NAMED = [
    ("乌日达妇女手工制作中心", Category.CHARITY, "巧手圆梦开心手工坊", "livelihood"),
    ("未来星宝贝成长发展中心", Category.CIVIC_EDUCATION, "“那日松”青少年成长项目", "youth_work"),
    ("伊旗春晖助餐服务中心", Category.COMMUNITY_SERVICE, "空巢老人爱心助餐", "elderly_care"),
    ("桃林公益事业发展中心", Category.CHARITY, "桃林助学圆梦行动", "livelihood"),
]
EXPERTS = [
    ("expert", "评审专家（演示）", "内蒙古某高校社会工作系"),
    ("expert2", "评审专家二（演示）", "鄂尔多斯某社工机构"),
    ("expert3", "评审专家三（演示）", "旗民政局退休干部"),
    ("expert4", "评审专家四（演示）", "某会计师事务所"),
    ("expert5", "评审专家五（演示）", "某高校公共管理学院"),
    ("expert6", "评审专家六（演示）", "某公益基金会"),
]


def seed_experts():
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


def seed_rubric(name="公益创投项目评审表", rows=RUBRIC):
    rubric, _created = Rubric.objects.get_or_create(name=name, defaults={"pass_mark": Decimal("60")})
    for order, (name, weight) in enumerate(rows):
        Criterion.objects.update_or_create(
            rubric=rubric, name=name, defaults={"weight": weight, "max_score": weight, "order": order}
        )
    return rubric


def seed_organizations(site, count):
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
