import pytest

from tests.e2e.conftest import sign_in
from tests.factories import SiteFactory, StaffFactory
from tests.orgs.factories import in_shell

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
    # Not the demo: a transactional test's flush removes the records the migrations made, which it needs.
    site = SiteFactory(name="王府社区孵化器", residents=10000)
    for n in range(4):
        in_shell(site=site, name=f"草原公益服务中心{n}")
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
    # 4 registered organizations for 10,000 residents: 4.0 per 10,000, in the table under the chart.
    assert "4.0" in page.locator("tr", has_text=str(site)).first.inner_text()
    # Filtering by year redraws every chart.
    page.select_option("select[name=year]", "2014")
    page.get_by_role("button", name="显示").click()
    page.wait_for_url("**/dashboard/?site=&year=2014")
    assert _charts_drawn(page)["instances"] == 8


@pytest.mark.phone
def test_the_dashboard_fits_a_phone(page):
    staff = StaffFactory()
    sign_in(page, staff.username)
    page.goto("/dashboard/")
    assert _charts_drawn(page)["instances"] == 8
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.phone
def test_a_visitor_on_a_phone_finds_the_directory_from_the_home_page(page):
    in_shell(name="草原公益服务中心", publish_in_directory=True, services="为独居老人上门服务")
    page.goto("/")
    page.click("button.navbar-toggler")
    page.get_by_role("link", name="社会组织名录").click()
    page.wait_for_url("**/orgs/directory/")
    assert page.get_by_text("为独居老人上门服务").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert "社会组织名录" in page.title()
