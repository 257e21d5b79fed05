"""Journey 4: park staff take an organization from its application into the shell (入壳), give it an office,
and find its in-shell deadline on the workbench."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from orgs import services as orgs_services
from orgs.models import Evaluation, Incubation, SpaceAllocation, Stage
from tests.e2e.conftest import sign_in
from tests.factories import ExpertFactory, OrganizationFactory, RubricFactory, SiteFactory, StaffFactory
from tests.orgs.factories import IncubationFactory, SpaceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_admit_an_organization_into_the_shell_and_allocate_an_office(page):
    StaffFactory(username="staff-zhao")
    site = SiteFactory(name="王府社区社会组织孵化器")
    organization = OrganizationFactory(name="伊旗春晖助餐服务中心", site=site)
    incubation = IncubationFactory(organization=organization)
    office = SpaceFactory(site=site, name="二楼203办公室")
    rubric = RubricFactory(name="入壳评估表")
    experts = ExpertFactory.create_batch(2)
    today = timezone.localdate()

    sign_in(page, "staff-zhao")
    page.goto("/orgs/staff/organizations/")
    page.click(f"a[href='/orgs/staff/organizations/{organization.pk}/']")
    stage_form = f"form[action='/orgs/staff/organizations/{organization.pk}/start-inspection/']"

    # Application accepted: inspection and coaching.
    page.click("details[data-step=start_inspection] summary")
    with page.expect_navigation():
        page.click(f"{stage_form} button[type=submit]")
    page.wait_for_url(f"**/orgs/staff/organizations/{organization.pk}/")
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.INSPECTION

    # The admission evaluation, with a panel of two experts.
    evaluation_form = (
        f"form[action='/orgs/staff/organizations/{organization.pk}/evaluation/start_admission_evaluation/']"
    )
    page.select_option(f"{evaluation_form} [name=start_admission_evaluation-rubric]", str(rubric.pk))
    for expert in experts:
        page.check(f"{evaluation_form} [name=start_admission_evaluation-experts][value='{expert.pk}']")
    with page.expect_navigation():
        page.click(f"{evaluation_form} button[type=submit]")
    page.wait_for_url(f"**/orgs/staff/organizations/{organization.pk}/")
    evaluation = Evaluation.objects.get(organization=organization)
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.ADMISSION_EVALUATION

    # The experts score (their pages are not this journey's subject).
    criteria = list(rubric.criteria.all())
    for assignment in evaluation.assignments.all():
        orgs_services.submit_scores(assignment.expert, assignment, {c.pk: c.max_score * 8 // 10 for c in criteria})

    # Staff close the scoring and decide: passed, admitted into the shell.
    page.click(f"a[href='/orgs/staff/evaluations/{evaluation.pk}/']")
    with page.expect_navigation():
        page.click(f"form[action='/orgs/staff/evaluations/{evaluation.pk}/close/'] button[type=submit]")
    page.wait_for_url(f"**/orgs/staff/evaluations/{evaluation.pk}/")
    decide = f"form[action='/orgs/staff/evaluations/{evaluation.pk}/decide/']"
    page.check(f"{decide} [name=decision][value=passed]")
    with page.expect_navigation():
        page.click(f"{decide} button[type=submit]")
    page.wait_for_url(f"**/orgs/staff/evaluations/{evaluation.pk}/")
    incubation = Incubation.objects.get(pk=incubation.pk)
    until = today + relativedelta(months=site.in_shell_months)
    assert incubation.stage == Stage.IN_SHELL and incubation.in_shell_until == until

    # An office for the organization.
    page.goto(f"/orgs/staff/organizations/{organization.pk}/")
    space_form = f"form[action='/orgs/staff/organizations/{organization.pk}/space/']"
    page.select_option(f"{space_form} [name=space]", str(office.pk))
    with page.expect_navigation():
        page.click(f"{space_form} button[type=submit]")
    page.wait_for_url(f"**/orgs/staff/organizations/{organization.pk}/")
    assert SpaceAllocation.objects.filter(organization=organization, space=office).exists()
    assert page.get_by_text("二楼203办公室").first.is_visible()

    # The workbench's list shows the organization in the shell with the date it is due to leave.
    page.goto("/orgs/staff/")
    page.goto("/orgs/staff/organizations/")
    row = page.locator("tr", has_text="伊旗春晖助餐服务中心")
    assert "壳内孵化" in row.inner_text()
    assert until.strftime("%Y-%m-%d") in row.inner_text()
