"""Factories of party records."""

import factory
from django.utils import timezone

from partybuild import services
from partybuild.models import (
    InstructorProfile,
    MemberStatus,
    PartyCase,
    PartyMember,
    PartyOrganization,
    RatingIndicator,
    RatingScheme,
    Support,
)
from tests.factories import InstructorFactory, OrganizationFactory


class InstructorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstructorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(InstructorFactory)
    unit = "旗直机关"

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)


class PartyCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyCase

    organization = factory.SubFactory(OrganizationFactory)


class PartyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyMember

    case = factory.SubFactory(PartyCaseFactory)
    name = factory.Sequence(lambda n: f"党员甲{n}")
    status = MemberStatus.FULL
    relationship_held_at = "原单位党支部"
    consent_on = factory.LazyFunction(timezone.localdate)


class PartyOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyOrganization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"联合党支部{n}")
    kind = PartyOrganization.Kind.JOINT_BRANCH
    parent = factory.LazyFunction(
        lambda: PartyOrganization.objects.get_or_create(
            name="双孵化园联合党委", defaults={"kind": PartyOrganization.Kind.COMMITTEE}
        )[0]
    )

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    organization = factory.SubFactory(OrganizationFactory)
    kind = Support.Kind.VENUE
    description = "活动阵地"


def scheme(**kwargs):
    """A 110-point scheme with the 8 indicators of 五星创评."""
    s = RatingScheme.objects.create(name=kwargs.pop("name", "测试方案"), **kwargs)
    for i, (name, points) in enumerate(
        [("班子", 15), ("队伍", 15), ("阵地", 15), ("制度", 15), ("保障", 10), ("业绩", 20), ("评价", 10), ("加分", 10)]
    ):
        RatingIndicator.objects.create(scheme=s, name=name, max_points=points, order=i)
    return s


def members(case, full=0, probationary=0, activists=0):
    """Add member records and recount, as the member form does."""
    for status, n in (
        (MemberStatus.FULL, full),
        (MemberStatus.PROBATIONARY, probationary),
        (MemberStatus.ACTIVIST, activists),
    ):
        for _ in range(n):
            PartyMemberFactory(case=case, status=status)
    return services.recount(case)
