"""Factories of the orgs app's own records."""

import factory
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from orgs.models import Application, Evaluation, EvaluationKind, Incubation, Space, Stage
from tests.factories import OrganizationFactory, RubricFactory, SiteFactory


class IncubationFactory(factory.django.DjangoModelFactory):
    """An incubation at a given stage (the constructor sets it once, as a loaded row would)."""

    class Meta:
        model = Incubation

    organization = factory.SubFactory(OrganizationFactory)
    stage = Stage.APPLICATION


def in_shell(organization=None, admitted_on=None, **kwargs):
    """An organization admitted into the shell on `admitted_on` (dates computed by the model)."""
    organization = organization or OrganizationFactory(**kwargs)
    admitted_on = admitted_on or timezone.localdate()
    until = admitted_on + relativedelta(months=organization.site.in_shell_months)
    return IncubationFactory(
        organization=organization,
        stage=Stage.IN_SHELL,
        admitted_on=admitted_on,
        in_shell_until=until,
        stage_due_on=until,
    )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organization = factory.SubFactory(OrganizationFactory)
    project_title = "社区助老服务项目"
    project_description = "为空巢老人提供助餐服务"
    team = "三名核心成员"
    team_size = 3


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    organization = factory.SubFactory(OrganizationFactory)
    kind = EvaluationKind.ADMISSION
    rubric = factory.SubFactory(RubricFactory)
    due_on = factory.LazyFunction(timezone.localdate)


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    site = factory.SubFactory(SiteFactory)
    name = factory.Sequence(lambda n: f"办公室{n}")
