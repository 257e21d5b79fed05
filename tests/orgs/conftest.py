"""Fixtures the orgs fuzz tests share: a staff member signed in, a site, an organization, an open evaluation."""

import pytest
from django.utils import timezone

from orgs import services
from orgs.models import (
    EvaluationKind,
    Stage,
)
from tests.factories import (
    ExpertFactory,
    OrganizationFactory,
    RubricFactory,
    SiteFactory,
    StaffFactory,
)
from tests.fuzz_strategies import (
    logged_in,
)
from tests.orgs.factories import IncubationFactory


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)


@pytest.fixture
def site():
    return SiteFactory()


@pytest.fixture
def organization():
    return OrganizationFactory(name="乌日达妇女手工制作中心")


@pytest.fixture
def evaluation(staff):
    incubation = IncubationFactory(stage=Stage.INSPECTION)
    experts = ExpertFactory.create_batch(3)
    return services.open_evaluation(
        staff, incubation, EvaluationKind.ADMISSION, RubricFactory(), experts, timezone.localdate()
    )
