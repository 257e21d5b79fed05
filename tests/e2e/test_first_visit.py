import pytest

from tests.e2e.conftest import sign_in
from tests.factories import SiteFactory, StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.phone
def test_a_visitor_on_a_phone_reads_the_park_in_chinese_and_switches_to_english(page):
    SiteFactory(name="王府社区社会组织孵化器")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", name="伊金霍洛旗社会组织双孵化园").is_visible()
    # The language switch sits at the foot of every page, outside the folded menu.
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_staff_sign_in_and_see_their_workspace(page):
    staff = StaffFactory()
    sign_in(page, staff.username)
    assert page.get_by_text("后台管理").first.is_visible()
