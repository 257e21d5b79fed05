"""Demo of the competition: the first round of March 2014 (52 proposals, 12 funded for ¥440,000, among
them "那日松"青少年成长项目 and 乌日达妇女手工制作中心's "巧手圆梦开心手工坊"), closed with its scores,
announcement and tranches; and a round in progress with proposals at every step. Idempotent: records are
keyed on natural names (round code, proposal number, usernames)."""

from django.utils import timezone

from incubator.demo import DEMO_PASSWORD
from incubator.models import Site, User
from incubator.roles import Role
from orgs.models import Membership

from ..models import Award
from .current_round import seed_current_round
from .first_round import seed_first_round
from .participants import EXPERTS, IMPLEMENTATION_RUBRIC, seed_experts, seed_organizations, seed_rubric


def seed(stdout=None):
    site = Site.objects.order_by("order", "id").first()
    staff = User.objects.filter(username="staff").first() or User.objects.filter(is_superuser=True).first()
    experts = seed_experts()
    rubric = seed_rubric()
    organizations = seed_organizations(site, 60)
    applicant = User.objects.filter(username="applicant").first()
    if applicant:
        Membership.objects.get_or_create(
            user=applicant,
            defaults={"organization": organizations[0], "confirmed_at": timezone.now(), "position": "负责人"},
        )
    first = seed_first_round(rubric, organizations, experts, staff)
    current = seed_current_round(rubric, organizations, experts, staff)
    implementation = seed_rubric("公益创投项目实施评估表", IMPLEMENTATION_RUBRIC)
    for round_ in (first, current):
        if round_.implementation_rubric_id is None:
            round_.implementation_rubric = implementation
            round_.save(update_fields=["implementation_rubric"])
    if stdout:
        funded = Award.objects.filter(round=first)
        stdout.write(
            f"venture: {first.title}: {first.proposals.count()} proposals, {funded.count()} funded, "
            f"¥{sum(a.amount for a in funded)}; {current.title}: {current.proposals.count()} proposals"
        )
    return [(username, DEMO_PASSWORD, str(Role.EXPERT.label)) for username, _n, _a in EXPERTS[1:]]
