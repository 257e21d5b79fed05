"""The registry of the demo: the four organizations the article names among 86 registered ones
(86 / 238,000 × 10,000 = 3.6) and the grassroots teams, at several sites."""

from datetime import date
from itertools import cycle

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from incubator.demo import upsert

from ..models import (
    REGISTERED_TYPES,
    Category,
    Grade,
    Organization,
    RegistrationType,
    Stage,
    Track,
)
from ..validators import CHARSET, uscc_check_character

REGISTERED_TARGET = 86  # 86 / 238,000 × 10,000 = 3.6, the article's figure

NAMED = [
    # name, category, services, beneficiaries, track, stage
    (
        "伊旗春晖助餐服务中心",
        Category.COMMUNITY_SERVICE,
        "为老年人、空巢老人和青少年提供助餐服务",
        "老年人、空巢老人、青少年",
        Track.INCUBATION,
        Stage.FOLLOW_UP,
    ),
    (
        "未来星宝贝成长发展中心",
        Category.CIVIC_EDUCATION,
        "儿童成长发展、家庭教育指导",
        "学龄前儿童及家庭",
        Track.INCUBATION,
        Stage.IN_SHELL,
    ),
    (
        "桃林公益事业发展中心",
        Category.CHARITY,
        "捐资助学、助学金发放",
        "困难家庭学生",
        Track.RESIDENT,
        Stage.RESIDENT,
    ),
    (
        "乌日达妇女手工制作中心",
        Category.CHARITY,
        "蒙古族刺绣与首饰制作培训，帮助进城农牧民妇女再就业",
        "进城农牧民妇女",
        Track.INCUBATION,
        Stage.IN_SHELL,
    ),
]
PLACES = ["伊旗", "阿镇", "天骄", "文化", "王府", "团结", "通格朗", "乌兰木伦", "札萨克", "纳林陶亥"]
KINDS = [
    ("助老服务中心", Category.COMMUNITY_SERVICE, RegistrationType.SOCIAL_SERVICE, "居家养老、助餐、探访"),
    ("青少年成长服务中心", Category.SOCIAL_AFFAIRS, RegistrationType.SOCIAL_SERVICE, "青少年社会工作服务"),
    ("志愿者协会", Category.CHARITY, RegistrationType.ASSOCIATION, "志愿服务、邻里互助"),
    ("书画协会", Category.CULTURE_SPORTS, RegistrationType.ASSOCIATION, "书画培训与展览"),
    ("心理咨询服务中心", Category.COUNSELLING_RIGHTS, RegistrationType.SOCIAL_SERVICE, "心理疏导与咨询"),
    ("家庭教育指导中心", Category.CIVIC_EDUCATION, RegistrationType.SOCIAL_SERVICE, "家庭教育讲座"),
    ("社会工作服务中心", Category.SOCIAL_AFFAIRS, RegistrationType.SOCIAL_SERVICE, "专业社会工作服务"),
    ("文体协会", Category.CULTURE_SPORTS, RegistrationType.ASSOCIATION, "群众文体活动"),
    ("残疾人康复服务中心", Category.CHARITY, RegistrationType.SOCIAL_SERVICE, "康复训练、医疗卫生服务"),
    ("法律援助服务中心", Category.COUNSELLING_RIGHTS, RegistrationType.SOCIAL_SERVICE, "法律咨询、维权服务"),
]
GRASSROOTS = [
    ("天骄社区广场舞队", Category.CULTURE_SPORTS, Stage.APPLICATION),
    ("文化社区读书会", Category.CIVIC_EDUCATION, Stage.APPLICATION),
    ("王府社区邻里互助队", Category.COMMUNITY_SERVICE, Stage.INSPECTION),
    ("团结社区巾帼志愿队", Category.CHARITY, Stage.ADMISSION_EVALUATION),
    ("通格朗社区青年志愿队", Category.SOCIAL_AFFAIRS, Stage.DECLINED),
]
# Stages given to the generated registered organizations, in turn, after the named four.
STAGE_PLAN = (
    [Stage.INSPECTION] * 2
    + [Stage.ADMISSION_EVALUATION] * 2
    + [Stage.IN_SHELL] * 5
    + [Stage.GROWTH_EVALUATION] * 3
    + [Stage.FOLLOW_UP] * 2
    + [Stage.RESIDENT] * 4
    + [Stage.COMPLETED] * 2
    + [Stage.WITHDRAWN, Stage.TERMINATED, Stage.APPLICATION]
)


def _uscc(n, kind):
    serial, value = "", n + 1000
    for _ in range(9):
        serial = CHARSET[value % 31] + serial
        value //= 31
    first17 = f"5{kind}150627{serial}"
    return first17 + uscc_check_character(first17)


def _type_code(registration_type):
    return {"association": "1", "social_service": "2", "foundation": "3"}[registration_type]


def organizations(sites):
    """(organization, intended stage or None) for the 86 registered and the grassroots teams."""
    today = timezone.localdate()
    rows = []
    site_cycle = cycle(sites)
    for i, (name, category, services, beneficiaries, track, stage) in enumerate(NAMED):
        rows.append(
            (
                name,
                {
                    "registration_type": RegistrationType.SOCIAL_SERVICE,
                    "uscc": _uscc(i, "2"),
                    "category": category,
                    "services": services,
                    "beneficiaries": beneficiaries,
                    "track": track,
                    "site": sites[0] if i != 3 else sites[2],
                    "grade": Grade.A3 if track == Track.RESIDENT else "",
                    "grade_awarded_on": today - relativedelta(years=2) if track == Track.RESIDENT else None,
                    "publish_in_directory": True,
                },
                stage,
            )
        )
    plan = iter(STAGE_PLAN)
    generated = [(place, kind) for kind in KINDS for place in PLACES]
    for i, (place, (suffix, category, registration_type, services)) in enumerate(
        generated[: REGISTERED_TARGET - len(NAMED)]
    ):
        stage = next(plan, None)
        rows.append(
            (
                place + suffix,
                {
                    "registration_type": registration_type,
                    "uscc": _uscc(100 + i, _type_code(registration_type)),
                    "category": category,
                    "services": services,
                    "track": Track.RESIDENT
                    if (stage == Stage.RESIDENT or stage == Stage.COMPLETED) and i % 2
                    else Track.INCUBATION,
                    "site": next(site_cycle),
                    "grade": [Grade.A2, Grade.A3, Grade.A4, ""][i % 4] if i % 3 == 0 else "",
                    "grade_awarded_on": today - relativedelta(years=1 + i % 4) if i % 3 == 0 and i % 4 != 3 else None,
                    "staff_count": 2 + i % 6,
                    "volunteer_count": 10 + (i * 7) % 60,
                    "party_member_count": i % 5,
                    "publish_in_directory": i % 2 == 0,
                },
                stage,
            )
        )
    for name, category, stage in GRASSROOTS:
        rows.append(
            (
                name,
                {
                    "registration_type": RegistrationType.GRASSROOTS,
                    "uscc": "",
                    "category": category,
                    "services": "社区居民自发组织的公益活动",
                    "track": Track.INCUBATION,
                    "site": next(site_cycle),
                },
                stage,
            )
        )
    result = []
    for n, (name, defaults, stage) in enumerate(rows):
        if defaults["registration_type"] in REGISTERED_TYPES:
            # Registered between 2006 and 2014, so the density over time climbs to the article's 3.6 in 2014.
            defaults.setdefault("registered_on", date(2006 + n % 9, n % 12 + 1, 10))
            defaults.setdefault("registration_authority", "伊金霍洛旗民政局")
        defaults.setdefault("person_in_charge", "负责人（演示）")
        defaults.setdefault("contact_phone", "0477-8600000")
        defaults.setdefault("address", f"伊金霍洛旗{defaults['site'].short_name}")
        # The party-building app keeps the member count up to date once the organization exists.
        count = {"party_member_count": defaults.pop("party_member_count", 0)}
        organization, _created = upsert(Organization, name=name, defaults=defaults, create_defaults=count)
        result.append((organization, stage))
    return result
