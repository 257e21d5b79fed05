import re

import pytest
from django.urls import reverse

from incubator import services
from incubator.models import Notification
from tests.factories import SiteFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_tells_a_visitor_what_the_park_is_and_where_to_apply(client):
    SiteFactory(name="天骄社区社会组织孵化器", address="天骄社区")
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "伊金霍洛旗社会组织双孵化园" in page
    assert reverse("orgs:register") in page
    assert "天骄社区社会组织孵化器" in page


def test_the_language_switch_changes_the_page_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page
    assert "Double Incubation Park" in page
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-hans">' in client.get(reverse("home")).content.decode()


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script found"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler found"


def test_pages_use_no_cdn(client):
    client.force_login(StaffFactory())
    for name in ("home", "workspace", "notifications", "login"):
        page = client.get(reverse(name)).content.decode()
        assert not re.search(r"(src|href)=\"(https?:)?//", page), name


def test_the_workspace_shows_each_role_what_it_can_do(client):
    staff = StaffFactory()
    client.force_login(staff)
    page = client.get(reverse("workspace")).content.decode()
    assert reverse("admin:index") in page
    client.force_login(UserFactory())
    page = client.get(reverse("workspace")).content.decode()
    assert reverse("admin:index") not in page


def test_notifications_appear_with_an_unread_count_and_can_be_marked_read(client):
    user = UserFactory()
    services.notify([user], "job_finished", "您有一条新消息", "正文", "/workspace/")
    client.force_login(user)
    page = client.get(reverse("notifications")).content.decode()
    assert "您有一条新消息" in page
    assert 'data-testid="unread-count">1<' in page
    client.post(reverse("notifications_read"))
    assert Notification.objects.get(recipient=user).read_at is not None
    assert 'data-testid="unread-count"' not in client.get(reverse("notifications")).content.decode()


def test_marking_read_ignores_what_else_a_request_carries(client):
    """The view read notification ids from the request and looked them up raw: text answered 500."""
    user = UserFactory()
    services.notify([user], "job_finished", "您有一条新消息")
    client.force_login(user)
    assert client.post(reverse("notifications_read"), {"id": ["abc", ""]}).status_code == 302
    assert Notification.objects.get(recipient=user).read_at is not None


def test_a_notification_is_written_in_the_recipients_language():
    from django.utils.translation import gettext_lazy as _

    english, chinese = UserFactory(language="en"), UserFactory(language="zh-hans")
    services.notify([english, chinese], "job_finished", services.interpolate(_("Welcome, %(name)s"), {"name": "X"}))
    assert Notification.objects.get(recipient=english).title == "Welcome, X"
    assert Notification.objects.get(recipient=chinese).title == "欢迎您，X"


def test_every_page_template_names_itself_in_the_title():
    """A page shared in a chat app or kept in a browser tab says what it is, not only the park's name."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    untitled = [
        str(path.relative_to(root))
        for pattern in ("templates/**/*.html", "*/templates/**/*.html")
        for path in root.glob(pattern)
        if ".venv" not in path.parts
        and '{% extends "base.html" %}' in (text := path.read_text(encoding="utf-8"))
        and "{% block title %}" not in text
        and path.name != "home.html"  # the home page's title is the park's name
    ]
    assert untitled == []


def test_error_pages_speak_chinese_and_name_no_one(client):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "页面不存在" in missing.content.decode() and "Not Found" not in missing.content.decode()
    client.force_login(UserFactory(full_name="李某某"))
    denied = client.get(reverse("partybuild:structure"))
    assert denied.status_code == 403
    page = denied.content.decode()
    assert "无权" in page and "Forbidden" not in page and "李某某" not in page and "我的工作台" in page


def test_the_server_error_page_renders_on_its_own_in_chinese():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "出错了" in page and "Server Error" not in page


def test_the_portal_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert '<link rel="icon" href="/favicon.ico"' in client.get(reverse("home")).content.decode()
