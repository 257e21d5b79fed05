"""The panel on an organization's record page: staff and the organization itself, never an expert."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from incubator.panels import panels_for
from tests.factories import ExpertProfileFactory, OrganizationFactory, StaffFactory, applicant_of
from tests.venture.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def _panels(user, organization):
    request = RequestFactory().get("/")
    request.user = user
    return [p for p in panels_for("organization", request, organization) if p.template.startswith("venture/")]


def test_staff_and_the_organization_see_its_proposals_experts_and_strangers_do_not():
    proposal = ProposalFactory(title="巧手圆梦开心手工坊")
    organization = proposal.organization
    for user in (StaffFactory(), applicant_of(organization)):
        (panel,) = _panels(user, organization)
        assert "巧手圆梦开心手工坊" in render_to_string(panel.template, panel.context)
    for user in (ExpertProfileFactory().user, applicant_of(OrganizationFactory()), AnonymousUser()):
        assert _panels(user, organization) == []
