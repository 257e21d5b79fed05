from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import sign_in
from tests.factories import StaffFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _charts_drawn(page):
    return page.evaluate(
        """() => ({
            instances: Object.keys(window.Chart ? window.Chart.instances : {}).length,
            canvases: Array.from(document.querySelectorAll("canvas[data-chart]"))
                .map(c => [c.dataset.chart, c.width, c.height]),
        })"""
    )


def test_staff_open_the_dashboard_and_see_every_chart_drawn(page):
    call_command("seed_demo", stdout=StringIO())
    staff = StaffFactory()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, staff.username)
    page.get_by_role("link", name="数据看板").first.click()
    page.wait_for_url("**/dashboard/")
    drawn = _charts_drawn(page)
    assert errors == []
    assert len(drawn["canvases"]) == 8
    assert all(width > 0 and height > 0 for _name, width, height in drawn["canvases"]), drawn
    assert drawn["instances"] == 8
    assert page.get_by_text("3.6").first.is_visible()
    # Filtering keeps the charts: one site, the 2014 round.
    page.select_option("select[name=year]", "2014")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**/dashboard/?site=&year=2014")
    assert _charts_drawn(page)["instances"] == 8
    assert page.get_by_text("¥440000").first.is_visible()


@pytest.mark.phone
def test_the_dashboard_fits_a_phone(page):
    staff = StaffFactory()
    sign_in(page, staff.username)
    page.goto("/dashboard/")
    assert _charts_drawn(page)["instances"] == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.phone
def test_a_visitor_on_a_phone_finds_the_directory_from_the_home_page(page):
    from tests.orgs.factories import in_shell

    in_shell(name="草原公益服务中心", publish_in_directory=True, services="为独居老人上门服务")
    page.goto("/")
    page.click("button.navbar-toggler")
    page.get_by_role("link", name="社会组织名录").click()
    page.wait_for_url("**/park/organizations/")
    assert page.get_by_text("为独居老人上门服务").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert "社会组织名录" in page.title()
