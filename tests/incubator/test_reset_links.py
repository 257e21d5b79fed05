"""An account without an email address gets its password back through the park: staff find it, issue a reset
link (recorded in its history), and the holder sets a new password with it. Staff accounts are not reset so."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from incubator.roles import Role
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    return UserFactory(roles=[Role.APPLICANT], email="", phone="13912345678", full_name="乌兰（无邮箱）")


def test_staff_find_the_account_by_phone_and_the_link_sets_a_new_password(client, holder):
    staff = StaffFactory()
    client.force_login(staff)
    found = client.get(reverse("reset_links"), {"q": "1391234"}).content.decode()
    assert "乌兰（无邮箱）" in found and reverse("issue_reset_link", args=[holder.pk]) in found

    issued = client.post(reverse("issue_reset_link", args=[holder.pk])).content.decode()
    link = re.search(r'data-testid="reset-link">([^<]+)<', issued).group(1)
    entry = LogEntry.objects.get(object_id=str(holder.pk))
    assert entry.user == staff and entry.get_change_message() == "发放了密码重置链接"

    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "草原上的新密码2026", "new_password2": "草原上的新密码2026"}
    )
    assert done.status_code == 302
    holder.refresh_from_db()
    assert holder.check_password("草原上的新密码2026")
    # Used once, the link is void.
    assert 'name="new_password1"' not in client.get(link, follow=True).content.decode()


def test_a_staff_account_is_neither_found_nor_reset(client):
    colleague = StaffFactory(full_name="同事甲", phone="13700000000")
    client.force_login(StaffFactory())
    found = client.get(reverse("reset_links"), {"q": "1370000"}).content.decode()
    assert "同事甲" not in found and "没有可由工作人员重置的匹配账号" in found
    refused = client.post(reverse("issue_reset_link", args=[colleague.pk]), follow=True).content.decode()
    assert "只能为在用的非工作人员账号生成重置链接" in refused
    assert not LogEntry.objects.filter(object_id=str(colleague.pk)).exists()


def test_only_park_staff_issue_links(client, holder):
    client.force_login(UserFactory(roles=[Role.EXPERT]))
    assert client.get(reverse("reset_links")).status_code == 403
    assert client.post(reverse("issue_reset_link", args=[holder.pk])).status_code == 403
    assert not LogEntry.objects.exists()


def test_the_reset_page_tells_an_account_without_email_what_to_do(client):
    assert "请致电园区" in client.get(reverse("password_reset")).content.decode()
