"""The orgs app's part of the access matrix."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from orgs import services
from orgs.models import Assignment, Draw, ExpertProfile, OrganizationDocument, RecruitmentCall, Seat, SignedSheet
from tests.access.rules import EVERYONE, SIGNED_IN, STAFF, Rule
from tests.orgs.factories import ApplicationFactory, EvaluationFactory, SpaceFactory, in_shell

APPLICANTS = frozenset({"applicant_a", "applicant_b"})
EXPERTS = frozenset({"expert_assigned", "expert_unassigned", "expert_conflicted"})
ORG_A_ONLY = {"applicant_b": lambda w: [w.org_a.name], "applicant_a": lambda w: [w.org_b.name]}
# Anyone signed in without an organization is told so on "my organization", and shown no organization.
NO_ORGANIZATION = {role: (lambda w: [w.org_a.name, w.org_b.name]) for role in SIGNED_IN - APPLICANTS}
NOT_ORG_A = {"expert_unassigned": lambda w: [w.org_a.name], "expert_conflicted": lambda w: [w.org_a.name]}


def build(world):
    users, org_a = world.users, world.org_a
    staff = users["park_staff"]
    incubation = in_shell(org_a)
    ApplicationFactory(organization=org_a)
    document = OrganizationDocument(organization=org_a, kind=OrganizationDocument._meta.get_field("kind").choices[0][0])
    document.attach(SimpleUploadedFile("甲的章程.pdf", b"%PDF-1.7 secret charter of A"), users["applicant_a"])
    document.save()
    evaluation = EvaluationFactory(organization=org_a)
    assigned = Assignment.objects.create(evaluation=evaluation, expert=users["expert_assigned"])
    conflicted = Assignment.objects.create(evaluation=evaluation, expert=users["expert_conflicted"])
    services.declare_conflict(users["expert_conflicted"], conflicted, "曾担任该组织顾问")
    services.accept_panel_pledge(users["expert_assigned"], evaluation)
    space = SpaceFactory(site=org_a.site)
    allocation = services.allocate_space(staff, space, org_a, timezone.localdate(), "")
    call = RecruitmentCall.objects.create(
        title="常年招募（矩阵）", body="招募", materials="章程", opens_on=timezone.localdate(), published=True
    )
    # A draw without a target, so the assigned expert's evaluation stays open to them in the rules above.
    draw = Draw.objects.create(
        label="矩阵抽取", panel_size=1, reserve_count=0, seed="abc", pledge_text="承诺", drawn_by=staff
    )
    seat = Seat.objects.create(draw=draw, expert=users["expert_assigned"], position=1, status=Seat.Status.PANEL)
    sheet = SignedSheet(draw=draw, kind=SignedSheet.Kind.DRAW_RECORD)
    sheet.attach(SimpleUploadedFile("抽取记录.pdf", b"%PDF-1.7 secret signed draw record"), staff)
    sheet.save()
    profile, _created = ExpertProfile.objects.get_or_create(user=users["expert_assigned"])
    world.objects.update(
        draw=draw,
        seat=seat,
        sheet=sheet,
        expert_profile=profile,
        incubation=incubation,
        document=document,
        evaluation=evaluation,
        assignment=assigned,
        allocation=allocation,
        call=call,
    )


def secrets(world):
    return ["secret charter of A", "secret signed draw record"]


org_a = lambda w: {"pk": w.org_a.pk}  # noqa: E731

RULES = [
    Rule("orgs:calls", EVERYONE),
    Rule("orgs:call", EVERYONE, kwargs=lambda w: {"pk": w.call.pk}),
    Rule("orgs:my_organization", SIGNED_IN, hidden=ORG_A_ONLY | NO_ORGANIZATION),
    Rule("orgs:my_profile", APPLICANTS, hidden=ORG_A_ONLY),
    # Organization A is in the shell: no new application while it is on its way through the park (sent back to
    # its page); B has none yet and gets the form.
    Rule("orgs:my_application", APPLICANTS, hidden=ORG_A_ONLY, ok_for={"applicant_a": (302,)}),
    # An empty application is refused and the page shown again: nothing submitted.
    Rule("orgs:my_application_submit", APPLICANTS, hidden=ORG_A_ONLY, method="post"),
    # No file: B's form is shown again saying so; A (in the shell) is sent back to its page.
    Rule("orgs:my_application_upload", APPLICANTS, hidden=ORG_A_ONLY, method="post", ok_for={"applicant_a": (302,)}),
    Rule("orgs:upload_document", APPLICANTS, hidden=ORG_A_ONLY),
    # Party-building staff work inside the same organizations and may read their registration documents.
    Rule("orgs:document", frozenset({"applicant_a", "party_staff"}) | STAFF, kwargs=lambda w: {"pk": w.document.pk}),
    Rule("orgs:expert_home", EXPERTS, hidden=NOT_ORG_A),
    Rule("orgs:expert_assignment", frozenset({"expert_assigned"}), kwargs=lambda w: {"pk": w.assignment.pk}),
    # Empty scores and an empty conflict note are refused and the page shown again.
    Rule("orgs:expert_score", frozenset({"expert_assigned"}), kwargs=lambda w: {"pk": w.assignment.pk}, method="post"),
    Rule(
        "orgs:expert_conflict", frozenset({"expert_assigned"}), kwargs=lambda w: {"pk": w.assignment.pk}, method="post"
    ),
    Rule(
        "orgs:expert_document",
        frozenset({"expert_assigned"}),
        kwargs=lambda w: {"assignment_pk": w.assignment.pk, "pk": w.document.pk},
    ),
    Rule("orgs:board", STAFF),
    Rule("orgs:organization_list", STAFF),
    # The export is a job: the walk runs it and reads the workbook (every organization, for staff only).
    Rule(
        "orgs:organization_export",
        STAFF,
        method="post",
        ok=(302,),
        shown={role: (lambda w: [w.org_a.name, w.org_b.name]) for role in STAFF},
    ),
    Rule("orgs:register_import", STAFF),
    Rule("orgs:accounts", STAFF),
    # Deciding on an account changes the world (and the world has none waiting), so the matrix checks only that
    # nobody decides by GET; the staff permission on the POST is proven in tests/orgs.
    Rule("orgs:membership_confirm", frozenset()),
    Rule("orgs:membership_decline", frozenset()),
    Rule("orgs:staff_calls", STAFF),
    Rule("orgs:staff_call_new", STAFF),
    Rule("orgs:staff_call_edit", STAFF, kwargs=lambda w: {"pk": w.call.pk}),
    Rule("orgs:organization", STAFF, kwargs=org_a),
    Rule("orgs:spaces", STAFF),
    Rule("orgs:evaluation", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}),
    # Staff actions: an empty form is refused and the page shown again, so nothing changes for the next role.
    *[
        Rule(f"orgs:organization_{step}", STAFF, kwargs=org_a, method="post")
        for step in ("start_inspection", "admit_resident", "complete", "decline", "withdraw", "terminate")
    ],
    # Posted empty: "nobody", as it already is, so nothing changes.
    Rule("orgs:organization_responsible", STAFF, kwargs=org_a, method="post", ok=(302,)),
    Rule(
        "orgs:organization_evaluation",
        STAFF,
        kwargs=lambda w: {"pk": w.org_a.pk, "action": "start_growth_evaluation"},
        method="post",
    ),
    Rule("orgs:organization_space", STAFF, kwargs=org_a, method="post"),
    Rule("orgs:organization_service", STAFF, kwargs=org_a, method="post"),
    Rule("orgs:organization_bid", STAFF, kwargs=org_a, method="post"),
    Rule("orgs:evaluation_assign", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}, method="post"),
    Rule(
        "orgs:evaluation_replace",
        STAFF,
        kwargs=lambda w: {"pk": w.evaluation.pk},
        method="post",
        data=lambda w: {"assignment": w.assignment.pk},
    ),
    # No expert has submitted scores: closing is refused with the reason on the page.
    Rule("orgs:evaluation_close", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}, method="post"),
    Rule("orgs:evaluation_decide", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}, method="post"),
    # The expert pool and its draws.
    Rule("orgs:pool", STAFF),
    Rule("orgs:pool_expert", STAFF, kwargs=lambda w: {"pk": w.expert_profile.pk}),
    # An empty suspension is refused; there is no change waiting to approve or reject: refused with the reason.
    Rule("orgs:pool_expert_suspend", STAFF, kwargs=lambda w: {"pk": w.expert_profile.pk}, method="post"),
    Rule("orgs:pool_expert_approve", STAFF, kwargs=lambda w: {"pk": w.expert_profile.pk}, method="post"),
    Rule("orgs:pool_expert_reject", STAFF, kwargs=lambda w: {"pk": w.expert_profile.pk}, method="post"),
    # Reinstating writes the profile, so the matrix checks only that nobody reinstates by GET.
    Rule("orgs:pool_expert_reinstate", frozenset(), kwargs=lambda w: {"pk": w.expert_profile.pk}),
    Rule("orgs:draws", STAFF),
    Rule("orgs:draw", STAFF, kwargs=lambda w: {"pk": w.draw.pk}),
    # Empty forms on the draw's page are refused and the page shown again.
    Rule("orgs:draw_pledge", STAFF, kwargs=lambda w: {"pk": w.draw.pk}, method="post"),
    Rule("orgs:draw_sheet_upload", STAFF, kwargs=lambda w: {"pk": w.draw.pk}, method="post"),
    Rule("orgs:draw_leave", STAFF, kwargs=lambda w: {"pk": w.draw.pk}, method="post"),
    Rule("orgs:draw_record", STAFF, kwargs=lambda w: {"pk": w.draw.pk}),
    Rule("orgs:draw_sheet", STAFF, kwargs=lambda w: {"pk": w.sheet.pk}),
    Rule("orgs:evaluation_draw", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}),
    Rule("orgs:evaluation_sheets", STAFF, kwargs=lambda w: {"pk": w.evaluation.pk}),
    Rule("orgs:expert_profile", EXPERTS),
    Rule("orgs:pledge", frozenset({"expert_assigned"}), kwargs=lambda w: {"pk": w.seat.pk}),
    # Accepting changes the seat, so the matrix checks only that nobody accepts by GET; who may accept by POST
    # is proven in tests/orgs.
    Rule("orgs:pledge_accept", frozenset(), kwargs=lambda w: {"pk": w.seat.pk}),
    Rule(
        "orgs:panel_pledge",
        frozenset({"expert_assigned"}),
        kwargs=lambda w: {"type_pk": ContentType.objects.get_for_model(w.evaluation).pk, "pk": w.evaluation.pk},
    ),
    Rule(
        "orgs:panel_pledge_accept",
        frozenset(),
        kwargs=lambda w: {"type_pk": ContentType.objects.get_for_model(w.evaluation).pk, "pk": w.evaluation.pk},
    ),
    # An empty decline is refused and the pledge page shown again.
    Rule("orgs:seat_leave", frozenset({"expert_assigned"}), kwargs=lambda w: {"pk": w.seat.pk}, method="post"),
    # Releasing changes the world, so the matrix checks only that nobody can reach it by GET; the staff
    # permission on the POST is proven in tests/orgs.
    Rule("orgs:release_space", frozenset(), kwargs=lambda w: {"pk": w.allocation.pk}),
]
