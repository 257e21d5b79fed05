"""The partybuild app's part of the access matrix.

Organization A's party case is guided by `instructor_assigned`, organization B's by `instructor_other`; each
has party members with invented names, a joint branch, supports, a meeting and a star rating. Member names are
for party-building staff and the case's own instructor only (security.md); park staff see counts."""

from django.utils import timezone

from partybuild import services
from partybuild.models import JointMeeting, PartyCase, StarRating, Support, TalentFlow
from tests.access.rules import PARTY, Rule
from tests.partybuild.factories import PartyMemberFactory, PartyOrganizationFactory, scheme

MEMBERS_A = ["云舒扬（矩阵甲）", "岳清禾（矩阵甲）", "闻星野（矩阵甲）"]
MEMBERS_B = ["柏知远（矩阵乙）"]
# Where a member's party relationship is held and the note of a two-way flow are personal too.
PERSONAL_A = ["某镇机关党支部（矩阵甲）", "培养为项目主管（矩阵甲）"]
PARTY_AND_PARK = PARTY | {"park_staff"}
# Who may work on organization A's case; who may see its members' names.
CASE_A_WORK = PARTY | {"instructor_assigned"}
INSTRUCTORS = frozenset({"instructor_assigned", "instructor_other"})

# Everyone allowed on a party page who is not party staff: no names of members they do not guide.
HIDDEN = {
    "park_staff": lambda w: MEMBERS_A + MEMBERS_B + PERSONAL_A,
    "instructor_assigned": lambda w: [w.org_b.name, *MEMBERS_B],
    "instructor_other": lambda w: [w.org_a.name, *MEMBERS_A, *PERSONAL_A],
}


def _case(world, organization, instructor, members, held_at="原单位党支部"):
    """The organization's case (admission may already have opened it), its instructor and its members."""
    party_staff = world.users["party_staff"]
    case = PartyCase.objects.filter(organization=organization).first()
    if case is None:
        case = services.open_case(party_staff, organization)
    services.assign_instructor(party_staff, case, world.users[instructor], True, None)
    for name in members:
        PartyMemberFactory(case=case, name=name, relationship_held_at=held_at)
    services.recount(case)
    case.refresh_from_db()
    return case


def build(world):
    users, org_a, org_b = world.users, world.org_a, world.org_b
    party_staff = users["party_staff"]
    case_a = _case(world, org_a, "instructor_assigned", MEMBERS_A, PERSONAL_A[0])
    services.record_flow(
        users["instructor_assigned"],
        TalentFlow(
            member=case_a.members.order_by("pk").first(), direction=TalentFlow.Direction.values[0], note=PERSONAL_A[1]
        ),
    )
    case_b = _case(world, org_b, "instructor_other", MEMBERS_B)
    branch_a = PartyOrganizationFactory(name="甲联合党支部（矩阵）", organizations=[org_a])
    branch_b = PartyOrganizationFactory(name="乙联合党支部（矩阵）", organizations=[org_b])
    for organization, branch in ((org_a, branch_a), (org_b, branch_b)):
        services.record_support(
            party_staff, Support(organization=organization, kind=Support.Kind.VENUE, description="活动阵地（矩阵）")
        )
        services.record_meeting(
            party_staff,
            JointMeeting(party_organization=branch, held_on=timezone.localdate(), topic="联席会议", minutes="学习"),
            [organization],
        )
    # A joint branch (联合党支部) of both organizations: each instructor reaches it through their own case.
    shared = PartyOrganizationFactory(name="甲乙联合党支部（矩阵）", organizations=[org_a, org_b])
    rating = StarRating.objects.create(
        party_organization=branch_a, year=timezone.localdate().year, scheme=scheme(is_current=True), points=80, stars=4
    )
    world.objects.update(
        party_case_a=case_a,
        party_case_b=case_b,
        party_member_a=case_a.members.order_by("pk").first(),
        party_branch_a=branch_a,
        party_branch_b=branch_b,
        party_committee=branch_a.parent,
        party_shared_branch=shared,
        party_rating=rating,
    )


STEPS = list(PartyCase.steps())
# Those who may see organization A's members see all of them.
SEE_A = {role: (lambda w: MEMBERS_A + PERSONAL_A) for role in CASE_A_WORK}


def secrets(world):
    return MEMBERS_A + MEMBERS_B + PERSONAL_A


def _org_a(w):
    return {"org_id": w.org_a.pk}


def _branch_a(w):
    return {"pk": w.party_branch_a.pk}


def party_only(name, kwargs=lambda w: {}, **extra):
    return Rule(f"partybuild:{name}", PARTY, kwargs=kwargs, **extra)


RULES = [
    party_only("workbench"),
    Rule("partybuild:cases", PARTY_AND_PARK, hidden=HIDDEN),
    party_only("open_case"),
    # An instructor's own cases; one without any would see an empty list.
    Rule(
        "partybuild:mine",
        INSTRUCTORS,
        hidden=HIDDEN,
        shown={"instructor_assigned": lambda w: [w.org_a.name], "instructor_other": lambda w: [w.org_b.name]},
    ),
    # The case page shows stage, counts, supports, meetings and stars: park staff read it, names never.
    Rule(
        "partybuild:case",
        CASE_A_WORK | {"park_staff"},
        kwargs=_org_a,
        hidden=HIDDEN,
        shown={role: (lambda w: [w.org_a.name]) for role in CASE_A_WORK | {"park_staff"}},
    ),
    Rule(
        "partybuild:case", PARTY_AND_PARK | {"instructor_other"}, kwargs=lambda w: {"org_id": w.org_b.pk}, hidden=HIDDEN
    ),
    # Each stage step: its confirmation page, and a step without a note refused (the page again) for those who
    # may work on the case; park staff and everyone else are turned away before that, so the case does not move.
    *[Rule(f"partybuild:{step}", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN) for step in STEPS],
    *[
        Rule(
            f"partybuild:{step}", CASE_A_WORK, kwargs=_org_a, method="post", data=lambda w: {"note": ""}, hidden=HIDDEN
        )
        for step in STEPS
    ],
    party_only("assign", kwargs=_org_a),
    Rule("partybuild:support_add", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN),
    Rule("partybuild:training_add", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN),
    # Member pages: names, so only party staff and the case's own instructor.
    Rule("partybuild:members", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN, shown=SEE_A),
    Rule(
        "partybuild:members",
        PARTY | {"instructor_other"},
        kwargs=lambda w: {"org_id": w.org_b.pk},
        hidden=HIDDEN,
        shown={role: (lambda w: MEMBERS_B) for role in PARTY | {"instructor_other"}},
    ),
    Rule(
        "partybuild:flow_add",
        CASE_A_WORK,
        kwargs=_org_a,
        hidden=HIDDEN,
        shown={role: (lambda w: MEMBERS_A) for role in CASE_A_WORK},
    ),
    Rule("partybuild:member_add", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN),
    # An empty member form is refused and shown again: nothing saved.
    Rule("partybuild:member_add", CASE_A_WORK, kwargs=_org_a, hidden=HIDDEN, method="post"),
    Rule(
        "partybuild:member_edit",
        CASE_A_WORK,
        kwargs=lambda w: {"org_id": w.org_a.pk, "pk": w.party_member_a.pk},
        hidden=HIDDEN,
        shown={role: (lambda w: [w.party_member_a.name]) for role in CASE_A_WORK},
    ),
    # Organization B's member under organization A's address: nobody, not even party staff.
    Rule(
        "partybuild:member_edit",
        frozenset(),
        kwargs=lambda w: {"org_id": w.org_a.pk, "pk": w.party_case_b.members.get().pk},
    ),
    # Removing changes the world, so the matrix checks only that nobody removes by GET (405 for all, no
    # login hint); who may remove by POST is proven in tests/partybuild.
    Rule(
        "partybuild:member_remove",
        frozenset(),
        kwargs=lambda w: {"org_id": w.org_a.pk, "pk": w.party_member_a.pk},
    ),
    # Exports of names are for party staff only, not even the instructor.
    party_only(
        "members_export",
        kwargs=_org_a,
        hidden={role: (lambda w: MEMBERS_B) for role in PARTY},
        shown={role: (lambda w: MEMBERS_A) for role in PARTY},
    ),
    party_only("members_export_all", shown={role: (lambda w: MEMBERS_A + MEMBERS_B) for role in PARTY}),
    Rule("partybuild:structure", PARTY_AND_PARK, hidden=HIDDEN),
    party_only("party_organization_add"),
    Rule("partybuild:party_organization", CASE_A_WORK | {"park_staff"}, kwargs=_branch_a, hidden=HIDDEN),
    Rule(
        "partybuild:party_organization",
        PARTY_AND_PARK,
        kwargs=lambda w: {"pk": w.party_committee.pk},
        hidden=HIDDEN,
    ),
    # The shared joint branch: both instructors read it, each without the other case's member names.
    Rule(
        "partybuild:party_organization",
        PARTY_AND_PARK | INSTRUCTORS,
        kwargs=lambda w: {"pk": w.party_shared_branch.pk},
        hidden={
            "park_staff": lambda w: MEMBERS_A + MEMBERS_B,
            "instructor_assigned": lambda w: MEMBERS_B,
            "instructor_other": lambda w: MEMBERS_A,
        },
        shown={role: (lambda w: [w.org_a.name, w.org_b.name]) for role in PARTY_AND_PARK | INSTRUCTORS},
    ),
    # Joining without choosing an organization is refused with a message.
    party_only("join", kwargs=_branch_a, method="post", ok=(302,)),
    party_only("meeting_add", kwargs=_branch_a),
    party_only("party_support_add", kwargs=_branch_a),
    party_only("rating_add", kwargs=_branch_a),
    party_only("honour_add", kwargs=_branch_a),
    # A draft rating cannot be finalised before its announcement: refused with a message.
    party_only("rating_finalize", kwargs=lambda w: {"pk": w.party_rating.pk}, method="post", ok=(302,)),
    # Announcing changes the world, so the matrix checks only that nobody announces by GET; who may announce by
    # POST is proven in tests/partybuild.
    Rule("partybuild:rating_announce", frozenset(), kwargs=lambda w: {"pk": w.party_rating.pk}),
    # The admin: member records, their access log and the two-way flow are for party staff only; park staff
    # keep the structure and follow-up records.
    Rule(
        "admin:partybuild_partymember_changelist",
        PARTY,
        shown={role: (lambda w: MEMBERS_A + MEMBERS_B) for role in PARTY},
    ),
    Rule("admin:partybuild_memberaccess_changelist", PARTY),
    Rule("admin:partybuild_talentflow_changelist", PARTY),
    Rule("admin:partybuild_partycase_changelist", PARTY, hidden={role: (lambda w: MEMBERS_A) for role in PARTY}),
    Rule("admin:partybuild_partyorganization_changelist", PARTY_AND_PARK, hidden=HIDDEN),
    Rule("admin:partybuild_jointmeeting_changelist", PARTY_AND_PARK, hidden=HIDDEN),
]
