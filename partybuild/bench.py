"""The party-building part of the synthetic park: a party case for two in five organizations (10 instructors
per unit of scale), members on the cases, and the party workbench's timing for party-building staff."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from incubator.bench import Measurement
from incubator.models import User
from incubator.roles import Role

from .models import PartyCase, PartyMember
from .models.cases import MemberStatus, Stage


def build(scale, rng, out, contexts):
    organizations = contexts["orgs"]["organizations"]
    today = timezone.localdate()
    party_staff = User.objects.create_user("bench-party-staff", password="bench", is_staff=True, full_name="党建专员")
    party_staff.groups.add(Group.objects.get(name=Role.PARTY_STAFF))
    instructors = User.objects.bulk_create(
        [User(username=f"bench-instructor-{n}", full_name=f"党建指导员{n}") for n in range(int(10 * scale))]
    )
    Group.objects.get(name=Role.INSTRUCTOR).user_set.add(*instructors)
    cases = []
    for organization in rng.sample(organizations, len(organizations) * 2 // 5):
        full = rng.choice([0, 0, 1, 2, 3, 4])
        cases.append(
            PartyCase(
                organization=organization,
                stage=rng.choice(Stage.values),
                instructor=rng.choice(instructors),
                opened_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                full_members=full,
            )
        )
    cases = PartyCase.objects.bulk_create(cases, batch_size=2000)
    members = [
        PartyMember(case=case, name=f"党员{case.pk}-{n}", status=MemberStatus.FULL, consent_on=case.opened_on)
        for case in cases
        for n in range(case.full_members)
    ]
    PartyMember.objects.bulk_create(members, batch_size=5000)
    out.write(f"partybuild: {len(cases)} party cases, {len(members)} members")
    return {"party_staff": party_staff}


def measurements(context):
    return [Measurement("party workbench", user=context["party_staff"], url="/party/")]
