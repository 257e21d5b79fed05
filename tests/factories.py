"""Factories of the core records and the registry, shared by every app's tests."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from incubator.models import Criterion, Rubric, Site, User
from incubator.roles import Role
from orgs.models import Category, ExpertProfile, Membership, Organization, RegistrationType, Track
from orgs.validators import CHARSET, uscc_check_character


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"社区孵化器{n}")
    short_name = factory.Sequence(lambda n: f"社区{n}")
    kind = Site.Kind.COMMUNITY
    level = Site.Level.COMMUNITY
    address = factory.Sequence(lambda n: f"阿勒腾席热镇{n}号")
    residents = 10000


def with_roles(*default):
    """Post-generation hook: `UserFactory(roles=[Role.EXPERT])`, or a subclass's default roles."""

    def add_roles(user, create, extracted, **kwargs):
        names = extracted if extracted is not None else default
        if create and names:
            # get_or_create: a transactional test's flush also removes the groups the migration made.
            user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in names))
            user.__dict__.pop("role_names", None)

    return factory.PostGeneration(add_roles)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-for-tests-1")

    roles = with_roles()


class StaffFactory(UserFactory):
    is_staff = True
    roles = with_roles(Role.PARK_STAFF)


class PartyStaffFactory(UserFactory):
    is_staff = True
    roles = with_roles(Role.PARTY_STAFF)


class ExpertFactory(UserFactory):
    roles = with_roles(Role.EXPERT)


class InstructorFactory(UserFactory):
    roles = with_roles(Role.INSTRUCTOR)


def make_uscc(n, kind="2", division="150627"):
    """A valid civil-affairs code for the n-th organization."""
    body = f"5{kind}{division}"
    serial = ""
    value = n
    for _ in range(9):
        serial = CHARSET[value % 31] + serial
        value //= 31
    first17 = body + serial
    return first17 + uscc_check_character(first17)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"测试公益服务中心{n}")
    registration_type = RegistrationType.SOCIAL_SERVICE
    uscc = factory.Sequence(lambda n: make_uscc(n + 1))
    category = Category.COMMUNITY_SERVICE
    track = Track.INCUBATION
    site = factory.SubFactory(SiteFactory)
    person_in_charge = "负责人"
    contact_phone = "13800000000"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, roles=[Role.APPLICANT])
    organization = factory.SubFactory(OrganizationFactory)
    confirmed_at = factory.LazyFunction(timezone.now)


def applicant_of(organization=None, **kwargs):
    """A confirmed applicant account speaking for `organization` (a new one if not given)."""
    organization = organization or OrganizationFactory()
    return MembershipFactory(organization=organization, **kwargs).user


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(ExpertFactory)
    affiliation = "内蒙古某大学"


class RubricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rubric
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"评分表{n}")

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        """Default: the typical 100-point venture rubric."""
        if not create:
            return
        rows = extracted or [
            ("需求分析", 20),
            ("项目设计", 25),
            ("执行能力", 20),
            ("预算合理性", 15),
            ("创新性", 10),
            ("可持续性", 10),
        ]
        for order, (name, weight) in enumerate(rows):
            Criterion.objects.create(rubric=self, name=name, weight=weight, max_score=weight, order=order)
