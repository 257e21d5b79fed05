"""The demo park's party incubation: 1+1+6, every stage and band, idempotent, no real names."""

import pytest

from incubator import demo as core_demo
from partybuild import demo, selectors
from partybuild.models import PartyCase, PartyMember, PartyOrganization, Stage, StarRating, Support

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (PartyCase, PartyMember, PartyOrganization, Support, StarRating)]


def test_the_demo_holds_the_structure_every_stage_and_band_and_runs_twice():
    core_demo.seed()
    logins = demo.seed()
    assert [u for u, _p, _r in logins] == ["instructor2"]
    first = counts()
    demo.seed()
    assert counts() == first

    committee = PartyOrganization.objects.get(kind=PartyOrganization.Kind.COMMITTEE)
    site_branches = PartyOrganization.objects.filter(
        kind=PartyOrganization.Kind.JOINT_BRANCH, parent=committee, site__kind__in=["branch", "community"]
    )
    assert site_branches.count() == 7  # 1 at the branch park + 6 at the community incubators
    assert PartyOrganization.objects.filter(kind=PartyOrganization.Kind.BRANCH).count() >= 1
    assert all(s["count"] > 0 for s in selectors.stage_counts())
    assert all(b["count"] > 0 for b in selectors.band_counts())
    assert StarRating.objects.filter(state=StarRating.State.FINAL, stars=5, innovation=True).exists()
    assert {r.state for r in StarRating.objects.all()} == {"draft", "announced", "final"}
    assert PartyCase.objects.filter(instructor__isnull=True, stage=Stage.INSPECTION).exists()
    assert all("（演示）" in name for name in PartyMember.objects.values_list("name", flat=True))
    assert 0 < selectors.coverage().percent < 100
