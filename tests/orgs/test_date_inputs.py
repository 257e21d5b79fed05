"""Date pickers on the staff pages carry their dates in ISO form, the only form a browser's date input takes:
in the Chinese locale (2026/03/01) the picker showed empty, losing the default date."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orgs.models import Organization, Stage, Track
from tests.factories import OrganizationFactory, StaffFactory
from tests.orgs.factories import IncubationFactory

pytestmark = pytest.mark.django_db


def test_the_stage_and_space_dates_default_to_today_in_iso_form(client):
    incubation = IncubationFactory()
    client.force_login(StaffFactory())
    page = client.get(reverse("orgs:organization", args=[incubation.organization.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    today = timezone.localdate().isoformat()
    assert f'type="date" name="on" value="{today}"' in page.content.decode()


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01", "1899-12-31", "2100-01-01"])
def test_a_date_outside_1900_to_2099_is_refused_with_the_form_kept(client, on):
    """Admitting a resident on 9999-12-31 computed the agreement's end past year 9999: 500."""
    incubation = IncubationFactory(organization=OrganizationFactory(track=Track.RESIDENT), stage=Stage.INSPECTION)
    client.force_login(StaffFactory())
    data = {"on": on, "months": "12", "reason": "签订入驻协议"}
    response = client.post(reverse("orgs:organization_admit_resident", args=[incubation.organization.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "请输入 1900-01-01 至 2099-12-31 之间的日期" in page and "签订入驻协议" in page
    assert Organization.objects.get().incubation.stage == Stage.INSPECTION
    data["on"] = "2099-12-31"
    assert (
        client.post(reverse("orgs:organization_admit_resident", args=[incubation.organization.pk]), data).status_code
        == 302
    )
