"""Demo data of the registry and the incubation: the four organizations the article names among 86 registered
ones (86 / 238,000 × 10,000 = 3.6), organizations at every stage at several sites, spaces about half held,
evaluations decided and pending. Idempotent: keyed on natural names; existing workflows are left as they are."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import cycle

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.utils import timezone

from incubator import scoring
from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import Criterion, Rubric, Site, User
from incubator.roles import Role

from .models import (
    REGISTERED_TYPES,
    Application,
    Assignment,
    Category,
    Evaluation,
    EvaluationKind,
    ExpertProfile,
    GovernmentBid,
    Grade,
    Incubation,
    Membership,
    Organization,
    RecruitmentCall,
    RegistrationType,
    Score,
    ServiceEntry,
    Space,
    SpaceAllocation,
    Stage,
    StageLog,
    Track,
)
from .pool_demo import seed_pool
from .validators import CHARSET, uscc_check_character

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
PATH = [
    Stage.APPLICATION,
    Stage.INSPECTION,
    Stage.ADMISSION_EVALUATION,
    Stage.IN_SHELL,
    Stage.GROWTH_EVALUATION,
    Stage.FOLLOW_UP,
    Stage.COMPLETED,
]
ACTION_INTO = {
    Stage.INSPECTION: "start_inspection",
    Stage.ADMISSION_EVALUATION: "start_admission_evaluation",
    Stage.IN_SHELL: "admit",
    Stage.GROWTH_EVALUATION: "start_growth_evaluation",
    Stage.FOLLOW_UP: "exit_shell",
    Stage.COMPLETED: "complete",
    Stage.RESIDENT: "admit_resident",
    Stage.DECLINED: "decline",
    Stage.WITHDRAWN: "withdraw",
    Stage.TERMINATED: "terminate",
}
RUBRICS = {
    EvaluationKind.ADMISSION: (
        "入壳评估评分表",
        [("公益使命与服务需求", 25), ("核心团队", 25), ("项目设计", 30), ("登记意愿与规范性", 20)],
    ),
    EvaluationKind.GROWTH: (
        "成长评估评分表",
        [("内部治理", 20), ("项目执行与成效", 30), ("团队与财务稳定", 25), ("社会影响", 15), ("登记进展", 10)],
    ),
}
EXTRA_EXPERTS = [("expert2", "评审专家乙（演示）"), ("expert3", "评审专家丙（演示）")]


def _uscc(n, kind):
    serial, value = "", n + 1000
    for _ in range(9):
        serial = CHARSET[value % 31] + serial
        value //= 31
    first17 = f"5{kind}150627{serial}"
    return first17 + uscc_check_character(first17)


def _type_code(registration_type):
    return {"association": "1", "social_service": "2", "foundation": "3"}[registration_type]


def _registry(sites):
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
                    if stage in (Stage.RESIDENT, Stage.COMPLETED) and i % 2
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


def _dates(stage, site, index, today):
    """Believable dates for an incubation now in `stage`; index staggers them."""
    months = site.in_shell_months
    applied = today - relativedelta(months=2 + index % 3)
    fields = {"applied_on": applied, "stage_since": today - timedelta(days=10 + index % 20)}
    if stage in (Stage.IN_SHELL, Stage.GROWTH_EVALUATION, Stage.FOLLOW_UP, Stage.COMPLETED):
        # In shell: one period ending within a week, one already overdue, the rest spread.
        offset = {0: months - 1, 1: months, 2: 3}.get(index % 5, 5 + index % 4)
        admitted = today - relativedelta(months=offset) + timedelta(days=7 if index % 5 == 0 else 0)
        if stage != Stage.IN_SHELL:
            admitted = today - relativedelta(months=months + (1 if stage == Stage.GROWTH_EVALUATION else 4 + index % 6))
        until = admitted + relativedelta(months=months)
        fields.update(admitted_on=admitted, in_shell_until=until, applied_on=admitted - relativedelta(months=3))
        if index % 5 == 1 and stage == Stage.IN_SHELL:
            fields["in_shell_until"] = today - timedelta(days=4)  # overdue: growth evaluation not yet opened
            until = fields["in_shell_until"]
        fields["stage_due_on"] = until
        if stage in (Stage.FOLLOW_UP, Stage.COMPLETED):
            exited = until + timedelta(days=14)
            fields.update(exited_on=exited, follow_up_until=exited + relativedelta(months=site.follow_up_months))
            fields["stage_due_on"] = fields["follow_up_until"]
        if stage == Stage.GROWTH_EVALUATION:
            fields["stage_due_on"] = today + timedelta(days=20)
    elif stage == Stage.RESIDENT:
        admitted = today - relativedelta(months=4 + index % 8)
        fields.update(admitted_on=admitted, agreement_until=admitted + relativedelta(months=24))
        fields["stage_due_on"] = fields["agreement_until"]
    elif stage in (Stage.APPLICATION, Stage.INSPECTION, Stage.ADMISSION_EVALUATION):
        days = {Stage.APPLICATION: 30, Stage.INSPECTION: 90, Stage.ADMISSION_EVALUATION: 30}[stage]
        since = today - timedelta(days=5 + index % 10 + (days if index % 4 == 0 else 0))
        fields.update(stage_since=since, stage_due_on=since + timedelta(days=days))
    if stage in (Stage.DECLINED, Stage.WITHDRAWN, Stage.TERMINATED):
        fields["closing_reason"] = {
            Stage.DECLINED: "核心团队不足三人，建议充实团队后再次申请。",
            Stage.WITHDRAWN: "组织主动申请退出。",
            Stage.TERMINATED: "长期未开展活动，经评估终止孵化。",
        }[stage]
    if stage == Stage.COMPLETED:
        fields["stage_due_on"] = None
    return fields


def _logs(incubation, stage, staff):
    if stage == Stage.RESIDENT:
        steps = [Stage.APPLICATION, Stage.RESIDENT]
    elif stage in PATH:
        steps = PATH[: PATH.index(stage) + 1]
    else:
        steps = PATH[:2] + [stage]
    logs = []
    previous = ""
    for step in steps:
        when = incubation.stage_since if step == stage else incubation.applied_on
        if step == Stage.IN_SHELL and incubation.admitted_on:
            when = incubation.admitted_on
        if step == Stage.FOLLOW_UP and incubation.exited_on:
            when = incubation.exited_on
        logs.append(
            StageLog(
                incubation=incubation,
                from_stage=previous,
                to_stage=step,
                action=ACTION_INTO.get(step, "apply"),
                on=when,
                by=None if step == Stage.APPLICATION else staff,
                reason=incubation.closing_reason if step == stage else "",
            )
        )
        previous = step
    return logs


def _rubric(kind):
    name, criteria = RUBRICS[kind]
    rubric, created = Rubric.objects.get_or_create(name=name, defaults={"pass_mark": Decimal("60")})
    if created:
        Criterion.objects.bulk_create(
            Criterion(rubric=rubric, name=c, weight=w, max_score=w, order=i) for i, (c, w) in enumerate(criteria)
        )
    return rubric


def _experts():
    group = Group.objects.get(name=Role.EXPERT)
    experts = [User.objects.get(username="expert")]
    for username, full_name in EXTRA_EXPERTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(group)
        experts.append(user)
    for user, (affiliation, title) in zip(
        experts,
        [
            ("内蒙古某高校社会工作系", "副教授"),
            ("鄂尔多斯市社会组织服务中心", "高级社工师"),
            ("某会计师事务所", "注册会计师"),
        ],
        strict=True,
    ):
        upsert(
            ExpertProfile,
            user=user,
            defaults={"affiliation": affiliation, "title": title, "fields": ["org_development", "charity"]},
        )
    return experts


def _evaluation(organization, kind, status, experts, staff, index, scored=None):
    """An evaluation with its panel; `scored` experts have submitted (all of them by default)."""
    rubric = _rubric(kind)
    criteria = list(rubric.criteria.all())
    today = timezone.localdate()
    scored = experts if scored is None else scored
    assignments = [Assignment(expert=e, assigned_by=staff) for e in experts]
    totals = []
    scores = []
    for j, assignment in enumerate(assignments):
        if assignment.expert in scored:
            share = Decimal(70 + (index * 7 + j * 9) % 25) / 100
            values = {c.pk: (c.max_score * share).quantize(Decimal("0.1")) for c in criteria}
            assignment.total = scoring.weighted_total(values, criteria)
            assignment.submitted_at = timezone.now()
            totals.append(assignment.total)
            scores.append((assignment, values))
    result = scoring.panel_result(totals).result if status != Evaluation.Status.OPEN else None
    evaluation = Evaluation.objects.create(
        organization=organization,
        kind=kind,
        rubric=rubric,
        status=status,
        due_on=today + timedelta(days=10) if status == Evaluation.Status.OPEN else today - timedelta(days=60),
        created_by=staff,
        result=result,
        decision=Evaluation.Decision.PASSED if status == Evaluation.Status.DECIDED else "",
        decision_note="专家组评估通过。" if status == Evaluation.Status.DECIDED else "",
        decided_by=staff if status == Evaluation.Status.DECIDED else None,
        decided_at=timezone.now() if status == Evaluation.Status.DECIDED else None,
    )
    for assignment in assignments:
        assignment.evaluation = evaluation
    Assignment.objects.bulk_create(assignments)
    Score.objects.bulk_create(
        Score(assignment=a, criterion_id=pk, value=v) for a, values in scores for pk, v in values.items()
    )


def _evaluations(organization, stage, experts, staff, index):
    if organization.track == Track.RESIDENT or stage in (Stage.APPLICATION, Stage.INSPECTION, Stage.WITHDRAWN):
        return
    if stage == Stage.DECLINED:
        return
    if stage == Stage.ADMISSION_EVALUATION:
        # Pending: the demo expert still has to score; the others have.
        _evaluation(organization, EvaluationKind.ADMISSION, Evaluation.Status.OPEN, experts, staff, index, experts[1:])
        return
    _evaluation(organization, EvaluationKind.ADMISSION, Evaluation.Status.DECIDED, experts, staff, index)
    if stage == Stage.GROWTH_EVALUATION:
        status = Evaluation.Status.CLOSED if index % 2 else Evaluation.Status.OPEN
        scored = experts if status == Evaluation.Status.CLOSED else experts[2:]
        _evaluation(organization, EvaluationKind.GROWTH, status, experts, staff, index + 1, scored)
    elif stage in (Stage.FOLLOW_UP, Stage.COMPLETED):
        _evaluation(organization, EvaluationKind.GROWTH, Evaluation.Status.DECIDED, experts, staff, index + 1)


def _spaces(sites, holders, staff):
    """Four spaces per site; about half held by the site's organizations in the shell or resident."""
    today = timezone.localdate()
    by_site = {}
    for organization in holders:
        by_site.setdefault(organization.site_id, []).append(organization)
    for site in sites:
        spaces = []
        for name, kind in [("101办公室", Space.Kind.OFFICE), ("102办公室", Space.Kind.OFFICE),
                           ("共享工位A", Space.Kind.WORKSTATION), ("投影仪", Space.Kind.EQUIPMENT)]:  # fmt: skip
            space, _created = upsert(Space, site=site, name=name, defaults={"kind": kind})
            spaces.append(space)
        for space, organization in zip(spaces[:2], by_site.get(site.pk, []), strict=False):
            if not space.allocations.filter(released_on__isnull=True).exists():
                SpaceAllocation.objects.create(
                    space=space, organization=organization, allocated_on=today - timedelta(days=60), allocated_by=staff
                )


def _services(organization, stage, staff, index):
    if organization.service_entries.exists():
        return
    today = timezone.localdate()
    kinds = (
        [ServiceEntry.Kind.ADMINISTRATION, ServiceEntry.Kind.CAPACITY_BUILDING, ServiceEntry.Kind.SERVICE_EVALUATION]
        if stage == Stage.RESIDENT
        else [ServiceEntry.Kind.COACHING, ServiceEntry.Kind.RESOURCE_MATCHING, ServiceEntry.Kind.PROJECT_SUPPORT]
    )
    if stage == Stage.FOLLOW_UP:
        kinds.append(ServiceEntry.Kind.GOVERNMENT_BID)
    ServiceEntry.objects.bulk_create(
        ServiceEntry(
            organization=organization,
            kind=kind,
            on=today - timedelta(days=7 * (j + 1) + index % 5),
            staff=staff,
            hours=Decimal(2 + j),
            notes="演示记录",
        )
        for j, kind in enumerate(kinds)
    )
    if stage == Stage.FOLLOW_UP:
        GovernmentBid.objects.create(
            organization=organization,
            purchaser="伊金霍洛旗民政局",
            project="社区居家养老助餐服务" if "助餐" in organization.name else "社区公益服务项目",
            amount=Decimal("120000.00") if "助餐" in organization.name else Decimal("50000.00"),
            submitted_on=today - timedelta(days=40),
            result=GovernmentBid.Result.WON if index % 2 == 0 else GovernmentBid.Result.PENDING,
            recorded_by=staff,
        )


def _application(organization, incubation):
    """The submitted online application behind each incubation."""
    submitted = timezone.make_aware(timezone.datetime.combine(incubation.applied_on, timezone.datetime.min.time()))
    upsert(
        Application,
        organization=organization,
        defaults={
            "track": organization.track,
            "project_title": organization.services or organization.name,
            "project_description": f"{organization.name}面向社区居民开展{organization.services or '公益服务'}。",
            "team": "核心成员三人：负责人、项目主管、财务。",
            "team_size": 3,
            "needs": ["office_space", "training", "coaching"],
            "status": Application.Status.SUBMITTED,
            "submitted_at": submitted,
            "updated_at": submitted,
        },
    )


def seed(stdout=None):
    sites = list(Site.objects.filter(is_active=True).order_by("order", "id"))
    staff = User.objects.get(username="staff")
    experts = _experts()
    today = timezone.localdate()

    registry = _registry(sites)
    holders = []
    new_logs = []
    for index, (organization, stage) in enumerate(registry):
        if stage is None:
            continue
        incubation = Incubation.objects.filter(organization=organization).first()
        if incubation is None:
            fields = _dates(stage, organization.site, index, today)
            incubation = Incubation.objects.create(
                organization=organization, stage=stage, responsible_staff=staff, **fields
            )
            new_logs += _logs(incubation, stage, staff)
            _evaluations(organization, stage, experts, staff, index)
        _application(organization, incubation)
        if incubation.stage in (Stage.IN_SHELL, Stage.GROWTH_EVALUATION, Stage.RESIDENT):
            holders.append(organization)
        if incubation.stage in (Stage.IN_SHELL, Stage.GROWTH_EVALUATION, Stage.RESIDENT, Stage.FOLLOW_UP):
            _services(organization, incubation.stage, staff, index)
    StageLog.objects.bulk_create(new_logs)
    _spaces(sites, holders, staff)

    wurida = Organization.objects.get(name="乌日达妇女手工制作中心")
    applicant = User.objects.get(username="applicant")
    upsert(
        Membership,
        user=applicant,
        defaults={"organization": wurida, "position": "联系人", "confirmed_at": timezone.now(), "confirmed_by": staff},
    )
    call, _created = upsert(
        RecruitmentCall,
        title="伊金霍洛旗社会组织双孵化园常年招募公告",
        defaults={
            "tracks": [Track.INCUBATION, Track.RESIDENT],
            "opens_on": today.replace(month=1, day=1),
            "closes_on": None,
            "published": True,
            "body": "双孵化园常年招募处于初创期的草根组织、项目团队（孵化类）和发展成熟的登记社会组织（入驻类）。"
            "入壳组织可获得免费办公场地和设备、项目设计与辅导、资源对接和项目支持。",
            "materials": "1. 入园申请表\n2. 组织章程或团队简介\n3. 登记证书（已登记的组织）\n4. 项目计划书",
        },
    )
    call.sites.set(sites)
    pool = seed_pool()
    if stdout:
        registered = Organization.objects.filter(registration_type__in=REGISTERED_TYPES).count()
        stdout.write(
            f"orgs: {registered} registered organizations, {Incubation.objects.count()} in the pipeline, "
            f"{pool} experts added to the pool"
        )
    return [(username, DEMO_PASSWORD, str(Role.EXPERT.label)) for username, _name in EXTRA_EXPERTS]
