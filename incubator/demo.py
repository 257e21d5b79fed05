"""Demo data of the park core: the 1 + 1 + 6 sites and one demo user per role. Idempotent."""

from django.contrib.auth.models import Group

from .models import ParkProfile, Site, User
from .roles import Role

DEMO_PASSWORD = "park-demo-2014"


def upsert(model, defaults=None, create_defaults=None, **lookup):
    """update_or_create that saves only what differs, so a second seed writes nothing (and adds no history).

    `create_defaults` are set only on creation: values another app keeps up to date afterwards."""
    defaults = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults, **(create_defaults or {})), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, defaults[name])
    if changed:
        obj.save(update_fields=[model._meta.get_field(name).name for name in changed])
    return obj, False


SITES = [
    # name, short name, kind, level, address, residents served
    ("伊金霍洛旗社会组织双孵化园", "主园区", Site.Kind.MAIN_PARK, Site.Level.BANNER, "伊金霍洛旗阿勒腾席热镇", None),
    (
        "双孵化园大学生创业孵化园分园",
        "分园",
        Site.Kind.BRANCH_PARK,
        Site.Level.BANNER,
        "伊金霍洛旗大学生创业孵化园",
        None,
    ),
    ("天骄社区社会组织孵化器", "天骄社区", Site.Kind.COMMUNITY, Site.Level.COMMUNITY, "阿勒腾席热镇天骄社区", 18000),
    ("文化社区社会组织孵化器", "文化社区", Site.Kind.COMMUNITY, Site.Level.COMMUNITY, "阿勒腾席热镇文化社区", 15000),
    ("王府社区社会组织孵化器", "王府社区", Site.Kind.COMMUNITY, Site.Level.COMMUNITY, "阿勒腾席热镇王府社区", 12000),
    ("团结社区社会组织孵化器", "团结社区", Site.Kind.COMMUNITY, Site.Level.COMMUNITY, "阿勒腾席热镇团结社区", 14000),
    (
        "通格朗社区社会组织孵化器",
        "通格朗社区",
        Site.Kind.COMMUNITY,
        Site.Level.COMMUNITY,
        "阿勒腾席热镇通格朗社区",
        11000,
    ),
    ("乌兰木伦社区社会组织孵化器", "乌兰木伦社区", Site.Kind.COMMUNITY, Site.Level.COMMUNITY, "乌兰木伦镇社区", 16000),
]

# username, full name (no real person), roles, admin access
USERS = [
    ("admin", "系统管理员", [], True),
    ("staff", "园区工作人员（演示）", [Role.PARK_STAFF], True),
    ("partystaff", "党建工作人员（演示）", [Role.PARTY_STAFF], True),
    ("applicant", "申报单位联系人（演示）", [Role.APPLICANT], False),
    ("expert", "评审专家（演示）", [Role.EXPERT], False),
    ("instructor", "党建指导员（演示）", [Role.INSTRUCTOR], False),
]


def seed(stdout=None):
    profile = ParkProfile.current()
    profile.banner_population = 238000
    profile.population_year = 2014
    profile.save()
    for order, (name, short, kind, level, address, residents) in enumerate(SITES):
        Site.objects.update_or_create(
            short_name=short,
            defaults={
                "name": name,
                "kind": kind,
                "level": level,
                "address": address,
                "residents": residents,
                "order": order,
            },
        )
    for username, full_name, roles, is_staff in USERS:
        user, created = User.objects.get_or_create(username=username)
        user.full_name = full_name
        user.email = f"{username}@example.org"
        user.is_staff = is_staff
        user.is_superuser = username == "admin"
        if created:
            user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
    return [
        (username, DEMO_PASSWORD, ", ".join(str(Role(r).label) for r in roles) or "superuser")
        for username, _n, roles, _s in USERS
    ]
