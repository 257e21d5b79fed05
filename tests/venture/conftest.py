import pytest
from django.contrib.auth.models import Group

from incubator.roles import Role
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory


@pytest.fixture
def role_groups(transactional_db):
    """The role groups of the data migration: a transactional test run before may have flushed them."""
    return [Group.objects.get_or_create(name=role)[0] for role in Role]


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def round_(db):
    return RoundFactory()


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="乌日达妇女手工制作中心")


@pytest.fixture
def applicant(organization):
    return applicant_of(organization)


@pytest.fixture
def proposal(round_, organization):
    return ProposalFactory(round=round_, organization=organization)


@pytest.fixture
def experts(db):
    return [ExpertProfileFactory().user for _ in range(5)]
