"""The demo park: the article's figure, the named organizations, every stage, idempotent."""

import pytest
from django.core.management import call_command

from incubator.models import User
from orgs import selectors
from orgs.models import Evaluation, Incubation, Organization, Stage


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_articles_figures():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Organization.objects.count(), Incubation.objects.count(), Evaluation.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Organization.objects.count(), Incubation.objects.count(), Evaluation.objects.count()) == counts

    density = selectors.registered_density()
    assert density["registered"] == 86 and str(density["per_10k"]) == "3.6"
    for name in ("伊旗春晖助餐服务中心", "未来星宝贝成长发展中心", "桃林公益事业发展中心", "乌日达妇女手工制作中心"):
        assert Organization.objects.get(name=name).is_registered
    stages = set(Incubation.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert len(set(Incubation.objects.values_list("organization__site", flat=True))) >= 4
    occupancy = selectors.occupancy_by_site()
    held, total = sum(r["held"] for r in occupancy), sum(r["total"] for r in occupancy)
    assert 0.35 <= held / total <= 0.65
    assert Evaluation.objects.filter(status=Evaluation.Status.DECIDED).exists()
    assert Evaluation.objects.filter(status=Evaluation.Status.OPEN).exists()

    applicant = User.objects.get(username="applicant")
    assert selectors.organization_of(applicant).name == "乌日达妇女手工制作中心"
    expert = User.objects.get(username="expert")
    assert expert.expert_profile.affiliation
    assert selectors.assignments_for_expert(expert).filter(submitted_at__isnull=True).exists()
