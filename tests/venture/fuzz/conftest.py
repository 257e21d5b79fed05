"""The open round and the staff member most venture fuzz tests start from."""

import pytest

from tests.fuzz_strategies import logged_in
from tests.venture.factories import RoundFactory


@pytest.fixture
def open_round():
    return RoundFactory()


@pytest.fixture
def staff_client(staff):
    return logged_in(staff)
