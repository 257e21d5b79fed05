"""The orgs part of the synthetic park: organizations (500 per unit of scale) with their incubations spread
over the stages, and the staff pages that list them."""

import datetime

from django.utils import timezone

from incubator.bench import Measurement
from incubator.models import Site

from . import selectors
from .models import Incubation, Organization, Stage
from .models.registry import Category, RegistrationType
from .resources import OrganizationResource

STAGES = [
    Stage.APPLICATION,
    Stage.INSPECTION,
    Stage.ADMISSION_EVALUATION,
    Stage.IN_SHELL,
    Stage.IN_SHELL,
    Stage.GROWTH_EVALUATION,
    Stage.FOLLOW_UP,
    Stage.COMPLETED,
]


def build(scale, rng, out, contexts):
    sites = list(Site.objects.all())
    today = timezone.localdate()
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                name=f"基准社会组织{n:05d}",
                registration_type=rng.choice(RegistrationType.values),
                category=rng.choice(Category.values),
                site=rng.choice(sites),
                person_in_charge="负责人",
                contact_phone="13800000000",
            )
            for n in range(int(500 * scale))
        ],
        batch_size=2000,
    )
    incubations = []
    for organization in organizations:
        stage = rng.choice(STAGES)
        applied = today - datetime.timedelta(days=rng.randint(10, 900))
        incubations.append(
            Incubation(
                organization=organization,
                stage=stage,
                applied_on=applied,
                stage_since=applied,
                stage_due_on=today + datetime.timedelta(days=rng.randint(-30, 365)),
                admitted_on=applied if stage == Stage.IN_SHELL else None,
                in_shell_until=today + datetime.timedelta(days=rng.randint(1, 365))
                if stage == Stage.IN_SHELL
                else None,
            )
        )
    Incubation.objects.bulk_create(incubations, batch_size=2000)
    out.write(f"orgs: {len(organizations)} organizations")
    return {"staff": contexts["incubator"]["staff"], "organizations": organizations}


def measurements(context):
    staff = context["staff"]
    return [
        Measurement("organization list", user=staff, url="/orgs/staff/organizations/"),
        Measurement("pipeline board", user=staff, url="/orgs/staff/"),
        # The register export runs in a Celery job; this is the job's work for every organization.
        Measurement("Excel export of the register (job)", call=lambda: _export_register(staff), repeat=3),
    ]


def _export_register(staff):
    return OrganizationResource().export(selectors.workbench_organizations(staff)).export("xlsx")
