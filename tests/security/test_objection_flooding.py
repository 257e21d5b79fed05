"""Objection flooding: an anonymous visitor once posted 30 objections in 1.9 s, one of them 5 MB of text, each
notifying every park staff member. Now a public form takes a bounded text and a limited number of posts an hour
per address and per contact, and a burst tells each staff member once."""

import pytest
from django.test import Client
from django.urls import reverse

from incubator.models import Notification
from incubator.services import mark_read
from tests.venture.test_announcement import announced  # noqa: F401  (the fixture: a round in its 公示)
from venture.models import Objection

pytestmark = pytest.mark.django_db


def post(round_, proposal, contact, text="该项目预算不实", address="203.0.113.7"):
    data = {"proposal": proposal.pk, "name": "居民甲", "contact": contact, "text": text}
    return Client(REMOTE_ADDR=address).post(reverse("venture:file_objection", args=[round_.code]), data)


def test_one_address_is_held_after_ten_objections_an_hour_with_what_it_typed_kept(announced):  # noqa: F811
    _staff, round_, proposals = announced
    answers = [post(round_, proposals[0], f"1390000{n:04d}").status_code for n in range(12)]
    assert answers == [302] * 10 + [429, 429]
    assert Objection.objects.count() == 10
    refused = post(round_, proposals[0], "13911112222", text="第十三条异议").content.decode()
    assert "提交过于频繁" in refused and "第十三条异议" in refused and "13911112222" in refused
    # Another visitor is not held by the first one's posts.
    assert post(round_, proposals[0], "13933334444", address="198.51.100.9").status_code == 302


def test_one_contact_is_held_after_five_objections_an_hour_from_any_address(announced):  # noqa: F811
    _staff, round_, proposals = announced
    answers = [post(round_, proposals[0], "a@example.org", address=f"198.51.100.{n}").status_code for n in range(7)]
    assert answers == [302] * 5 + [429, 429]


def test_an_objection_of_megabytes_is_refused_and_says_its_limit(announced):  # noqa: F811
    _staff, round_, proposals = announced
    page = post(round_, proposals[0], "13900001111", text="异" * 1_700_000)  # 5 MB of UTF-8
    assert page.status_code == 200 and "最多 2000 个字符" in page.content.decode()
    assert not Objection.objects.exists()


def test_a_burst_of_objections_tells_each_staff_member_once_until_they_look(announced):  # noqa: F811
    staff, round_, proposals = announced
    for n in range(4):
        post(round_, proposals[0], f"1380000{n:04d}")
    assert Notification.objects.filter(recipient=staff, kind="venture_objection").count() == 1
    mark_read(staff)
    post(round_, proposals[1], "13800009999")
    assert Notification.objects.filter(recipient=staff, kind="venture_objection").count() == 2
