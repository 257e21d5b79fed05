"""Fixtures the party fuzz tests share: a case with its instructor, party staff signed in."""

import pytest

from tests.factories import InstructorFactory, PartyStaffFactory
from tests.fuzz_strategies import (
    logged_in,
)
from tests.partybuild.factories import PartyCaseFactory


@pytest.fixture
def case(db):
    return PartyCaseFactory(instructor=InstructorFactory())


@pytest.fixture
def instructor_client(case):
    return logged_in(case.instructor)


@pytest.fixture
def party_staff():
    return PartyStaffFactory()


@pytest.fixture
def staff_client(party_staff):
    return logged_in(party_staff)
