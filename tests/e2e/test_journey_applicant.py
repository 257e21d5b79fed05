"""Journey 1: an applicant on a phone registers, applies to the park, files a venture proposal with a budget
table and an attachment, fixes a mistake without retyping, submits and sees the status."""

import pytest
from django.contrib.auth.models import Group

from incubator.roles import Role
from orgs import services as orgs_services
from orgs.models import Application, Membership
from tests.e2e.conftest import sign_in
from tests.factories import SiteFactory, StaffFactory
from tests.venture.factories import RoundFactory
from venture.models import Proposal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "Ejin-Horo-2014!"


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.phone
def test_an_applicant_registers_applies_and_files_a_venture_proposal_on_a_phone(page, tmp_path):
    # Registration puts the new user in the applicant group: a transactional test before may have flushed it.
    Group.objects.get_or_create(name=Role.APPLICANT)
    site, staff = SiteFactory(name="王府社区社会组织孵化器"), StaffFactory()
    round_ = RoundFactory(title="第十届公益创投大赛", required_documents="项目计划书")

    # Registration: one form, the applicant and the organization.
    page.goto("/orgs/register/")
    for name, value in {
        "username": "chunhui",
        "full_name": "王某某",
        "phone": "13912345678",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "伊旗春晖助餐服务中心",
        "address": "阿勒腾席热镇",
        "person_in_charge": "王某某",
        "contact_phone": "13912345678",
    }.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=registration_type]", "grassroots")
    page.select_option("[name=category]", "community_service")
    page.select_option("[name=site]", str(site.pk))
    assert fits_the_phone(page)
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    page.wait_for_url("**/workspace/")

    # Park staff confirm the account (their own page is not this journey's subject).
    orgs_services.confirm_membership(staff, Membership.objects.get(user__username="chunhui"))

    # Admission application: draft first, then submit.
    page.goto("/orgs/my/")
    page.goto("/orgs/my/application/")
    page.fill("[name=project_title]", "巧手圆梦开心手工坊")
    page.fill("[name=project_description]", "为社区妇女提供蒙古族刺绣培训")
    page.fill("[name=team]", "三名骨干")
    page.fill("[name=team_size]", "3")
    with page.expect_navigation():
        page.click("button[name=submit]")
    page.wait_for_url("**/orgs/my/")
    assert Application.objects.get(organization__name="伊旗春晖助餐服务中心").status == Application.Status.SUBMITTED
    assert page.get_by_text("已提交").first.is_visible()

    # Later: a venture proposal from the list of open rounds.
    page.goto("/venture/my/")
    page.click(f"a[href='/venture/round/{round_.code}/apply/']")
    # A new proposal starts with one budget line; a second is added on the page, before anything is saved.
    assert page.locator("[name=budget-1-item]").count() == 0
    page.get_by_role("button", name="添加预算行").click()
    fields = {
        "title": "助餐暖心行动",
        "need": "社区空巢老人缺少日间照料",
        "goals": "为50位老人提供助餐服务",
        "beneficiaries": "空巢老人",
        "beneficiaries_target": "50",
        "team": "项目负责人王某某、社工两名",
        "team_size": "3",
        "indicators": "助餐服务 2000 人次",
        "budget-0-item": "助餐食材",
        "budget-0-unit_price": "15",
        "budget-0-quantity": "2000",
        "budget-0-cofunded": "90000",  # more than the line's ¥30,000: the mistake to fix
        "budget-1-item": "场地布置",
        "budget-1-unit_price": "500",
        "budget-1-quantity": "2",
        "budget-1-cofunded": "0",
        "activities-0-name": "助餐服务",
        "activities-0-starts_on": round_.review_deadline.isoformat(),
        "activities-0-ends_on": round_.signing_by.isoformat(),
    }
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=budget-0-category]", "activities")
    page.select_option("[name=budget-1-category]", "activities")
    with page.expect_navigation():
        page.click("#content form button[type=submit]")

    summary = page.locator("[data-testid=error-summary]")
    assert summary.is_visible()
    assert "配套资金不能超过该项金额" in summary.inner_text()
    assert not Proposal.objects.exists()
    # Everything typed is still there; only the wrong figure needs changing.
    for name, value in fields.items():
        assert page.input_value(f"[name={name}]") == value
    assert fits_the_phone(page)
    page.fill("[name=budget-0-cofunded]", "0")
    with page.expect_navigation():
        page.click("#content form button[type=submit]")
    page.wait_for_url("**/venture/proposal/*/")
    proposal = Proposal.objects.get()
    assert proposal.requested_amount == 31000
    assert page.get_by_text("项目计划书").first.is_visible()  # still missing: the attachment

    # The attachment the round requires.
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF)
    page.fill("[name=label]", "项目计划书")
    page.set_input_files("[name=file]", str(plan))
    with page.expect_navigation():
        page.click("form[action$='/documents/'] button[type=submit]")
    page.wait_for_url(f"**/venture/proposal/{proposal.pk}/")
    assert page.get_by_text("plan.pdf").first.is_visible()

    with page.expect_navigation():
        page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_url(f"**/venture/proposal/{proposal.pk}/")
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert page.get_by_text("已提交").first.is_visible()
    assert fits_the_phone(page)

    # Signing in again another day, the status is in the list of the organization's proposals.
    page.context.clear_cookies()
    sign_in(page, "chunhui", PASSWORD)
    page.goto("/venture/my/")
    assert page.get_by_text("助餐暖心行动").is_visible()
    assert page.get_by_text("已提交").first.is_visible()
