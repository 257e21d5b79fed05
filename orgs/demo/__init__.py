"""Demo data of the registry and the incubation: the four organizations the article names among 86 registered
ones (86 / 238,000 × 10,000 = 3.6), organizations at every stage at several sites, spaces about half held,
evaluations decided and pending, and the expert pool. Idempotent: keyed on natural names; existing workflows are
left as they are."""

from django.utils import timezone

from incubator.demo import DEMO_PASSWORD, upsert
from incubator.models import Site, User
from incubator.roles import Role

from ..models import REGISTERED_TYPES, Incubation, Membership, Organization, RecruitmentCall, Stage, StageLog, Track
from .evaluations import EXTRA_EXPERTS, expert_reviewers, stage_evaluations
from .incubation import application, dates, logs
from .pool import seed_pool
from .registry import organizations
from .support import services_log, spaces


def seed(stdout=None):
    sites = list(Site.objects.filter(is_active=True).order_by("order", "id"))
    staff = User.objects.get(username="staff")
    experts = expert_reviewers()
    today = timezone.localdate()

    registry = organizations(sites)
    holders = []
    new_logs = []
    for index, (organization, stage) in enumerate(registry):
        if stage is None:
            continue
        incubation = Incubation.objects.filter(organization=organization).first()
        if incubation is None:
            fields = dates(stage, organization.site, index, today)
            incubation = Incubation.objects.create(
                organization=organization, stage=stage, responsible_staff=staff, **fields
            )
            new_logs += logs(incubation, stage, staff)
            stage_evaluations(organization, stage, experts, staff, index)
        application(organization, incubation)
        if incubation.stage in Stage.in_the_park_premises():
            holders.append(organization)
        if incubation.stage in Stage.in_park():
            services_log(organization, incubation.stage, staff, index)
    StageLog.objects.bulk_create(new_logs)
    spaces(sites, holders, staff)

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
