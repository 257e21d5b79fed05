"""Demo data of party incubation: the 1+1+6 structure on the park's sites, organizations in every stage and
member band, members (invented, obviously fictional names), supports, joint meetings, star ratings, honours.

Reuses the organizations the orgs demo created (by name) and creates what is missing, so it also runs
alone. Idempotent: records are keyed on natural names and stages only move forward."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import Notification, Site, User
from incubator.roles import Role
from orgs.models import Category, Organization, RegistrationType
from orgs.models import Stage as IncubationStage
from orgs.validators import CHARSET, uscc_check_character

from . import selectors, services
from .models import (
    Honour,
    InstructorProfile,
    JointMeeting,
    MemberStatus,
    PartyCase,
    PartyMember,
    PartyOrganization,
    Stage,
    StageLog,
    StarRating,
    Support,
    TalentFlow,
    Training,
    TransferStatus,
)

# Organizations in the park, or completed since, have their party branch incubated in the demo.
ADMITTED = (*IncubationStage.in_park(), IncubationStage.COMPLETED)
COMMITTEE = "伊金霍洛旗社会组织双孵化园联合党委"
STAGE_ORDER = list(Stage.values)

# name, site short name, stage, full, probationary, activists/applicants
ORGANIZATIONS = [
    ("伊旗春晖助餐服务中心", "主园区", Stage.FOLLOW_UP, 4, 1, 1),
    ("未来星宝贝成长发展中心", "主园区", Stage.FOLLOW_UP, 2, 0, 1),
    ("桃林公益事业发展中心", "主园区", Stage.FORMATION, 1, 1, 0),
    ("乌日达妇女手工制作中心", "主园区", Stage.SUPPORT, 0, 0, 2),
    ("伊旗阳光助残志愿服务队", "分园", Stage.FOLLOW_UP, 1, 0, 0),
    ("大学生创业公益服务社", "分园", Stage.FINDING, 0, 0, 0),
    ("天骄社区邻里互助会", "天骄社区", Stage.FOLLOW_UP, 2, 1, 0),
    ("天骄社区老年文体协会", "天骄社区", Stage.INSPECTION, 0, 0, 0),
    ("文化社区读书会", "文化社区", Stage.FOLLOW_UP, 1, 0, 1),
    ("文化社区青少年托管服务站", "文化社区", Stage.SUPPORT, 1, 0, 0),
    ("王府社区心理疏导工作室", "王府社区", Stage.FOLLOW_UP, 3, 0, 0),
    ("王府社区法律援助服务队", "王府社区", Stage.FINDING, 0, 0, 1),
    ("团结社区居家养老服务中心", "团结社区", Stage.FOLLOW_UP, 2, 0, 0),
    ("团结社区环保志愿者协会", "团结社区", Stage.INSPECTION, 0, 0, 0),
    ("通格朗社区民族团结促进会", "通格朗社区", Stage.FOLLOW_UP, 1, 1, 0),
    ("通格朗社区健康服务队", "通格朗社区", Stage.FORMATION, 0, 2, 0),
    ("乌兰木伦社区矿区家庭服务站", "乌兰木伦社区", Stage.FOLLOW_UP, 1, 0, 0),
    ("乌兰木伦社区书画协会", "乌兰木伦社区", Stage.SUPPORT, 0, 0, 1),
]
# Organizations with 3+ full members form their own branch; the others join the joint branch of their site.
OWN_BRANCHES = {
    "伊旗春晖助餐服务中心": "伊旗春晖助餐服务中心党支部",
    "王府社区心理疏导工作室": "王府社区心理疏导工作室党支部",
}
MAIN_PARK_JOINT = "双孵化园第一联合党支部"
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
NUMBERS = "一二三四五六七八九十"


def _user(username, full_name, role):
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": f"{username}@example.org"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def _organization(index, name, site):
    body = "52150627" + "PB" + CHARSET[index // 31] + CHARSET[index % 31] + "00000"
    return Organization.objects.create(
        name=name,
        registration_type=RegistrationType.SOCIAL_SERVICE,
        uscc=body + uscc_check_character(body),
        registration_authority="伊金霍洛旗民政局",
        category=Category.COMMUNITY_SERVICE,
        site=site,
        person_in_charge="负责人（演示）",
        supervising_unit="伊金霍洛旗民政局",
    )


def _resolve(sites):
    """The organizations the party demo works with: the named ones by name, the others drawn (in name order,
    so every run draws the same) from the organizations the orgs demo admitted at that site; created only when
    this demo runs alone. So the registry keeps the article's count of registered organizations."""
    resolved, taken = {}, set()
    invented = [row[0] for row in ORGANIZATIONS]
    for index, (name, site_name, *_rest) in enumerate(ORGANIZATIONS):
        organization = Organization.objects.filter(name=name).first()
        if organization is None:
            organization = (
                Organization.objects.filter(site=sites[site_name], incubation__stage__in=ADMITTED)
                .exclude(pk__in=taken)
                .exclude(name__in=invented)
                .order_by("name")
                .first()
            ) or _organization(index, name, sites[site_name])
        taken.add(organization.pk)
        resolved[name] = organization
    return resolved


def _structure(sites, party_staff):
    committee, _c = upsert(
        PartyOrganization,
        name=COMMITTEE,
        defaults={
            "kind": PartyOrganization.Kind.COMMITTEE,
            "site": sites["主园区"],
            "secretary": "联合党委书记（演示）",
            "formed_on": date(2014, 1, 10),
            "formation_mode": "area",
            "meeting_interval_months": 3,
        },
    )
    joint = {}
    for site in Site.objects.exclude(kind=Site.Kind.MAIN_PARK).order_by("order"):
        joint[site.short_name], _c = upsert(
            PartyOrganization,
            name=f"{site.name}联合党支部",
            defaults={
                "kind": PartyOrganization.Kind.JOINT_BRANCH,
                "parent": committee,
                "site": site,
                "secretary": f"{site.short_name}支部书记（演示）",
                "formed_on": date(2014, 3, 1),
                "formation_mode": "area",
                "meeting_interval_months": 3,
            },
        )
    joint["主园区"], _c = upsert(
        PartyOrganization,
        name=MAIN_PARK_JOINT,
        defaults={
            "kind": PartyOrganization.Kind.JOINT_BRANCH,
            "parent": committee,
            "site": sites["主园区"],
            "secretary": "第一联合党支部书记（演示）",
            "formed_on": date(2015, 6, 1),
            "formation_mode": "industry",
            "meeting_interval_months": 2,
        },
    )
    return committee, joint


def _members(case, full, probationary, developing, seq):
    names = []
    for status, count in (
        (MemberStatus.FULL, full),
        (MemberStatus.PROBATIONARY, probationary),
        (MemberStatus.ACTIVIST, developing),
    ):
        for _i in range(count):
            name = f"{SURNAMES[seq[0] % len(SURNAMES)]}某{NUMBERS[seq[0] // len(SURNAMES) % 10]}（演示）"
            seq[0] += 1
            names.append(name)
            upsert(
                PartyMember,
                case=case,
                name=name,
                defaults={
                    "status": status,
                    "relationship_held_at": "伊金霍洛旗社会组织双孵化园联合党委"
                    if status != MemberStatus.ACTIVIST
                    else "",
                    "is_backbone": status == MemberStatus.ACTIVIST,
                    "consent_on": date(2026, 1, 5),
                },
            )
    services.recount(case)
    return names


def _bring_to(case, stage, by, party_organization):
    while STAGE_ORDER.index(case.stage) < STAGE_ORDER.index(stage):
        case = services.advance(by, case, case.next_steps()[0].name, "演示数据")
        if case.stage == Stage.SUPPORT and not case.organization.party_supports.exists():
            services.record_support(
                by,
                Support(
                    organization=case.organization,
                    kind=Support.Kind.CONSULTATION if not case.party_members else Support.Kind.VENUE,
                    description="党务政策咨询" if not case.party_members else "提供党员活动阵地",
                    given_on=date(2026, 3, 1),
                ),
            )
        if case.stage == Stage.FORMATION and STAGE_ORDER.index(stage) > 3 and party_organization is not None:
            services.join_party_organization(by, party_organization, case.organization)
    return case


def _spread_timeline(case):
    """Demo stages were all moved today; spread them a month apart from the opening, as the work took."""
    opened = timezone.make_aware(timezone.datetime.combine(case.opened_on, timezone.datetime.min.time())).replace(
        hour=9
    )
    last = opened
    for step, entry in enumerate(case.log.order_by("at", "pk")):
        last = min(opened + timedelta(days=30 * step), timezone.now())
        if entry.at > last:
            StageLog.objects.filter(pk=entry.pk).update(at=last)
    # The last activity follows from the records, so a second run of the demo gives the same dates.
    organization = case.organization
    dates = [
        timezone.localdate(last),
        *organization.party_supports.values_list("given_on", flat=True),
        *organization.party_trainings.values_list("held_on", flat=True),
        *JointMeeting.objects.filter(attending_organizations=organization).values_list("held_on", flat=True),
    ]
    PartyCase.objects.filter(pk=case.pk).update(last_activity_on=max(dates))


def _rating(by, party_organization, year, points_each, innovation, final):
    rating = StarRating.objects.filter(party_organization=party_organization, year=year).first()
    if rating is None:
        scheme = selectors.current_scheme()
        points = {i.pk: min(Decimal(points_each), i.max_points) for i in scheme.indicators.all()}
        rating = services.rate(by, party_organization, year, scheme, points, innovation)
    if rating.state == StarRating.State.DRAFT and final is not None:
        rating = services.announce_rating(by, rating)
    if rating.state == StarRating.State.ANNOUNCED and final:
        # The demo's earlier years: their public announcement is long over.
        StarRating.objects.filter(pk=rating.pk).update(announced_until=date(year, 12, 20))
        rating = services.finalize_rating(by, rating)
    return rating


def seed(stdout=None):
    party_staff = _user("partystaff", "党建工作人员（演示）", Role.PARTY_STAFF)
    instructor = _user("instructor", "党建指导员（演示）", Role.INSTRUCTOR)
    instructor2 = _user("instructor2", "党建指导员二（演示）", Role.INSTRUCTOR)
    sites = {s.short_name: s for s in Site.objects.all()}
    if len(sites) < 8:
        raise RuntimeError("Load the core demo first (the 1 + 1 + 6 sites).")
    for user, unit, names in (
        (instructor, "旗委组织部", ["主园区", "分园", "天骄社区", "文化社区"]),
        (instructor2, "旗民政局", ["王府社区", "团结社区", "通格朗社区", "乌兰木伦社区"]),
    ):
        profile, _c = upsert(InstructorProfile, user=user, defaults={"unit": unit})
        profile.sites.set([sites[n] for n in names])

    committee, joint = _structure(sites, party_staff)
    resolved = _resolve(sites)
    seq = [0]
    own = {}
    for index, (name, _site_name, stage, full, probationary, developing) in enumerate(ORGANIZATIONS):
        organization = resolved[name]
        case = PartyCase.objects.filter(organization=organization).first()
        if case is None:
            # A case opens on the admission day (入驻一家, 覆盖一家); the few not yet admitted, in recent weeks.
            admitted = getattr(getattr(organization, "incubation", None), "admitted_on", None)
            opened = admitted or timezone.localdate() - timedelta(days=5 if stage == Stage.INSPECTION else 20 + index)
            case = services.open_case(party_staff, organization, opened, "入驻双孵化园（演示）")
        if index == 7:  # one recent admission still waiting for an instructor: the 3-day reminder shows it
            # As if no instructor had been free: the one the opening picked was never told of the case.
            Notification.objects.filter(recipient_id=case.instructor_id, kind="party_case_opened").filter(
                url=reverse("partybuild:case", args=[organization.pk])
            ).delete()
            PartyCase.objects.filter(pk=case.pk).update(instructor=None)
        else:
            # A case opened before the instructors' sites were set (the orgs demo admits first) gets one now.
            if case.instructor_id is None:
                chosen = selectors.lightest_instructor(organization.site) or instructor
                case = services.assign_instructor(party_staff, case, chosen, True, None)
            if not case.pairing_unit:
                case.pairing_unit = f"{organization.supervising_unit or '伊金霍洛旗民政局'}机关党支部"
                case.save(update_fields=["pairing_unit"])
        names = _members(case, full, probationary, developing, seq)
        target = None
        if name in OWN_BRANCHES and not PartyOrganization.objects.filter(name=OWN_BRANCHES[name]).exists():
            own[name] = services.form_party_organization(
                party_staff,
                kind=PartyOrganization.Kind.BRANCH,
                name=OWN_BRANCHES[name],
                parent=committee,
                organizations=[organization],
                secretary=f"{names[0]}",
                formed_on=date(2025, 7, 1),
                formation_mode="standalone",
            )
        elif name not in OWN_BRANCHES:
            target = joint.get(organization.site.short_name, joint["主园区"])
        _bring_to(PartyCase.objects.get(pk=case.pk), stage, party_staff, target)
        if developing and name == "乌日达妇女手工制作中心":
            backbone = PartyMember.objects.filter(case=case, status=MemberStatus.ACTIVIST).first()
            TalentFlow.objects.get_or_create(
                member=backbone, direction=TalentFlow.Direction.BACKBONE_TO_MEMBER, defaults={"on": date(2026, 5, 4)}
            )
    # 入驻一家, 覆盖一家: every other organization in the park has its case too, opened on its admission day.
    for organization in selectors.organizations_without_case().select_related("incubation", "site"):
        admitted = organization.incubation.admitted_on or timezone.localdate()
        services.open_case(party_staff, organization, admitted, "入驻双孵化园（演示）")
    transfer = PartyMember.objects.filter(case__organization__name="桃林公益事业发展中心").order_by("pk").first()
    if transfer and transfer.transfer_status == TransferStatus.NOT_NEEDED:
        transfer.transfer_started_on = timezone.localdate() - timedelta(days=80)
        services.save_member(party_staff, transfer.case, transfer, TransferStatus.PENDING)

    chunhui = resolved["伊旗春晖助餐服务中心"]
    branch = PartyOrganization.objects.get(name=OWN_BRANCHES["伊旗春晖助餐服务中心"])
    for kind, amount, text in (
        (Support.Kind.VENUE, None, "双孵化园党员活动室共用"),
        (Support.Kind.FUNDS, Decimal("20000.00"), "党建工作经费"),
        (Support.Kind.PROJECT, None, "助餐项目纳入公益创投优先支持"),
        (Support.Kind.TALENT, None, "选派党建指导员驻点指导"),
    ):
        if not Support.objects.filter(party_organization=branch, description=text).exists():
            services.record_support(
                party_staff,
                Support(
                    party_organization=branch, kind=kind, amount=amount, description=text, given_on=date(2026, 4, 1)
                ),
            )
    for org_name, amount in (("未来星宝贝成长发展中心", "5000.00"), ("天骄社区邻里互助会", "3000.00")):
        organization = resolved[org_name]
        if not Support.objects.filter(organization=organization, kind=Support.Kind.FUNDS).exists():
            services.record_support(
                party_staff,
                Support(
                    organization=organization,
                    kind="funds",
                    amount=Decimal(amount),
                    description="党建经费",
                    given_on=date(2026, 5, 1),
                ),
            )
    Training.objects.get_or_create(
        organization=chunhui, topic="社会组织党务工作培训", defaults={"held_on": date(2026, 4, 15), "participants": 12}
    )
    for po in [*joint.values(), branch]:
        held = date(2026, 9, 20)
        if not JointMeeting.objects.filter(party_organization=po, held_on=held).exists():
            services.record_meeting(
                party_staff,
                JointMeeting(
                    party_organization=po,
                    held_on=held,
                    topic="第三季度联席会议",
                    minutes="通报党建工作进展，商议共建项目和下季度活动安排。",
                    attendees=max(3, po.organizations.count() * 2),
                ),
                attending=list(po.organizations.all()),
            )
    for case in PartyCase.objects.filter(organization__name__in=[row[0] for row in ORGANIZATIONS]).select_related(
        "organization"
    ):
        _spread_timeline(case)
    _rating(party_staff, branch, 2025, 12, innovation=True, final=True)
    _rating(party_staff, joint["天骄社区"], 2025, 10, innovation=False, final=True)
    _rating(party_staff, joint["主园区"], 2025, 9, innovation=False, final=True)
    _rating(party_staff, joint["王府社区"], 2026, 11, innovation=False, final=False)
    _rating(party_staff, joint["文化社区"], 2026, 8, innovation=False, final=None)
    Honour.objects.get_or_create(
        category=Honour.Category.MODEL, year=2025, party_organization=branch, defaults={"title": "示范党支部"}
    )
    Honour.objects.get_or_create(
        category=Honour.Category.ADVANCED_COLLECTIVE,
        year=2025,
        organization=resolved["天骄社区邻里互助会"],
        defaults={"title": "社会组织党建工作先进集体"},
    )
    if stdout:
        stdout.write(
            f"Party building: {PartyCase.objects.count()} cases, {PartyOrganization.objects.count()} "
            "party organizations."
        )
    return [("instructor2", DEMO_PASSWORD, str(Role.INSTRUCTOR.label))]
