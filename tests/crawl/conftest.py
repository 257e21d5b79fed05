"""The demo park, loaded once for the crawl."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from incubator.demo import DEMO_PASSWORD
from incubator.models import Site
from orgs.models import Category, Organization, RegistrationType
from orgs.services import register_applicant

PENDING = "newcomer"


def register_pending_applicant():
    """An account as a newcomer makes it on the registration page, not yet confirmed by staff."""
    organization = Organization(
        name="伊旗新芽青少年服务队",
        registration_type=RegistrationType.GRASSROOTS,
        category=Category.COMMUNITY_SERVICE,
        site=Site.objects.order_by("order", "pk").first(),
        person_in_charge="新芽（演示）",
    )
    register_applicant(
        username=PENDING,
        password=DEMO_PASSWORD,
        full_name="新注册的申报人（演示）",
        phone="13800000001",
        email="newcomer@example.org",
        organization=organization,
    )


@pytest.fixture(scope="module")
def demo_park(django_db_setup, django_db_blocker):
    """The demo park as `make demo` loads it, plus a newcomer's unconfirmed account, for the module's tests;
    each test runs in a savepoint inside it, and it is rolled back after the last one."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        register_pending_applicant()
        yield
        transaction.set_rollback(True)
