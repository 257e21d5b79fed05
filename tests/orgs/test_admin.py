"""The orgs admin is a door like the workbench: workflow fields and settled records are read-only, state changes
are actions that call the same services and show the same refusals."""

import pytest
from django.urls import reverse

from orgs.models import Incubation, Stage
from tests.factories import OrganizationFactory, StaffFactory, applicant_of
from tests.orgs.factories import ApplicationFactory, IncubationFactory, in_shell

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_the_stage_cannot_be_changed_in_the_change_form(admin_client):
    incubation = IncubationFactory()
    url = reverse("admin:orgs_incubation_change", args=[incubation.pk])
    form = admin_client.get(url).context["adminform"].form
    assert "stage" not in form.fields and "organization" not in form.fields
    admin_client.post(url, {"stage": Stage.IN_SHELL, "stage_due_on": "2026-06-01", "logs-TOTAL_FORMS": "0",
                            "logs-INITIAL_FORMS": "0"})  # fmt: skip
    assert Incubation.objects.get(pk=incubation.pk).stage == Stage.APPLICATION


def test_the_action_runs_the_service_and_shows_its_refusal(admin_client):
    waiting, admitted = IncubationFactory(), in_shell()
    response = admin_client.post(
        reverse("admin:orgs_incubation_changelist"),
        {"action": "start_inspection", "_selected_action": [waiting.pk, admitted.pk]},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert Incubation.objects.get(pk=waiting.pk).stage == Stage.INSPECTION
    assert Incubation.objects.get(pk=admitted.pk).stage == Stage.IN_SHELL
    assert any(admitted.organization.name in t and "当前阶段不能进行这一步" in t for t in texts), texts
    log = waiting.logs.get(action="start_inspection")
    assert log.by.is_superuser and log.from_stage == Stage.APPLICATION


def test_an_application_is_read_only_in_the_admin(admin_client):
    org = OrganizationFactory()
    applicant_of(org)
    application = ApplicationFactory(organization=org)
    url = reverse("admin:orgs_application_change", args=[application.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"project_title": "改过的标题"}).status_code == 403
    application.refresh_from_db()
    assert application.project_title != "改过的标题"
    assert admin_client.get(reverse("admin:orgs_application_add")).status_code == 403
