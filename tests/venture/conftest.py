import pytest

from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory, RoundFactory


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
