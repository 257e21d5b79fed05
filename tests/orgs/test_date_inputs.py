"""Date pickers on the staff pages carry their dates in ISO form, the only form a browser's date input takes:
in the Chinese locale (2026/03/01) the picker showed empty, losing the default date."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import StaffFactory
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


def test_the_stage_and_space_dates_default_to_today_in_iso_form(client):
    incubation = IncubationFactory()
    client.force_login(StaffFactory())
    page = client.get(reverse("orgs:organization", args=[incubation.organization.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    today = timezone.localdate().isoformat()
    assert f'type="date" name="on" value="{today}"' in page.content.decode()
