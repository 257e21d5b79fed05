"""The staff list's overdue filter reads as a choice a reader understands, starting on 全部."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_overdue_filter_offers_all_overdue_or_not_and_starts_on_all(staff_client):
    OrganizationFactory()
    page = staff_client.get(reverse("orgs:organization_list")).content.decode()
    select = re.search(r'<select name="overdue".*?</select>', page, re.S).group(0)
    assert re.findall(r">([^<]+)</option>", select) == ["全部", "仅看逾期", "未逾期"]
    assert re.search(r'value="unknown"[^>]*selected', select)
    assert "未知" not in select
