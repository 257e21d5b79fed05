"""Every venture URL against every kind of visitor: a declared table, so a new URL without an expectation
fails and a leak shows as a wrong status. 200 = sees it, 302 = sent to sign in (or to the expert's own page),
403 = a staff page, not for this visitor's role (the one gate of every app), 404 = a record that does not exist for
this visitor."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from tests.factories import (
    ExpertProfileFactory,
    InstructorFactory,
    OrganizationFactory,
    PartyStaffFactory,
    StaffFactory,
    applicant_of,
)
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, past_round_dates, pledged, score_all, screened
from venture import services
from venture.models import Objection, ProgressReport, ReportDocument

pytestmark = pytest.mark.django_db

VISITORS = [
    "anonymous",
    "own_applicant",
    "other_applicant",
    "assigned_expert",
    "conflicted_expert",
    "other_expert",
    "staff",
    "party_staff",
    "instructor",
]
A, OWN, OTHER, EXP, CONF, OEXP, STAFF, PARTY, INSTR = VISITORS

PUBLIC = dict.fromkeys(VISITORS, 200)
STAFF_ONLY = dict.fromkeys(VISITORS, 403) | {A: 302, STAFF: 200}
OWN_ONLY = dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200}
# GET expectations per URL name
EXPECTED = {
    "rounds": PUBLIC,
    "round": PUBLIC,
    "announcement": PUBLIC,
    "funded": PUBLIC,
    "my_proposals": dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200, OTHER: 200},
    "apply": dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200, OTHER: 200},
    "proposal": dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200, STAFF: 200, EXP: 302},
    "proposal_edit": OWN_ONLY | {OWN: 302},  # funded: no longer editable, sent back to its page
    "document": dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200, STAFF: 200, EXP: 200},
    "report": OWN_ONLY,
    "report_document": dict.fromkeys(VISITORS, 404) | {A: 302, OWN: 200, STAFF: 200},
    "expert_portal": dict.fromkeys(VISITORS, 404) | {A: 302, EXP: 200, CONF: 200, OEXP: 200},
    "expert_scores": dict.fromkeys(VISITORS, 404) | {A: 302, EXP: 200, CONF: 200, OEXP: 200},
    "expert_proposal": dict.fromkeys(VISITORS, 404) | {A: 302, EXP: 200},
    "expert_evaluation": dict.fromkeys(VISITORS, 404) | {A: 302, EXP: 200},
    # Declared already: the assigned expert is sent on to the scoring page.
    "expert_declaration": dict.fromkeys(VISITORS, 404) | {A: 302, EXP: 302},
    # Anyone may file an objection, by posting the announcement's form; there is nothing to get.
    "file_objection": dict.fromkeys(VISITORS, 405),
    "staff_rounds": STAFF_ONLY,
    "staff_round": STAFF_ONLY,
    "staff_screening": STAFF_ONLY,
    "staff_assignment": STAFF_ONLY,
    "staff_draw": STAFF_ONLY,
    "staff_sheets": STAFF_ONLY,
    "staff_public": STAFF_ONLY,
    "staff_review": STAFF_ONLY,
    "staff_ranking": STAFF_ONLY,
    "staff_objections": STAFF_ONLY,
    "staff_agreements": STAFF_ONLY,
    "staff_projects": STAFF_ONLY,
    "staff_screen": STAFF_ONLY,
}
# POST-only actions: nobody but the owner (applicant actions) or staff may reach them
POST_ONLY = {
    "proposal_submit": OWN,
    "proposal_withdraw": OWN,
    "document_upload": OWN,
    "declare_conflict": EXP,
    "save_review": EXP,
    "submit_review": EXP,
    "run_assignment": STAFF,
    "assign_expert": STAFF,
    "close_review": STAFF,
    "allow_short_review": STAFF,
    "record_public_score": STAFF,
    "grant_bonus": STAFF,
    "award": STAFF,
    "pass_over": STAFF,
    "cancel_award": STAFF,
    "finalize_awards": STAFF,
    "record_coaching": STAFF,
    "schedule_report": STAFF,
    "assign_evaluators": STAFF,
    "conclude_midterm": STAFF,
    "conclude_final": STAFF,
    "close_project": STAFF,
    "reopen_review": STAFF,
    "handle_objection": STAFF,
    "sign_agreement": STAFF,
    "record_payment": STAFF,
    "publish_announcement": STAFF,
    "export_round": STAFF,
}


@pytest.fixture
def world():
    staff = StaffFactory()
    organization = OrganizationFactory()
    round_ = RoundFactory(experts_per_proposal=2)
    proposal = ProposalFactory(round=round_, organization=organization)
    own = applicant_of(organization)
    services.add_document(own, proposal, SimpleUploadedFile("书.pdf", b"%PDF-1.4"), "项目书")
    expert, conflicted = ExpertProfileFactory().user, ExpertProfileFactory().user
    screened(proposal, staff)
    assignment = services.assign_expert(staff, proposal, expert)
    pledged(round_, expert)
    services.declare_conflict(conflicted, services.assign_expert(staff, proposal, conflicted), True, "曾任顾问")
    other_round_proposal = ProposalFactory()
    score_all(assignment, Decimal("0.8"))
    users = {
        A: None,
        OWN: own,
        OTHER: applicant_of(OrganizationFactory()),
        EXP: expert,
        CONF: conflicted,
        OEXP: ExpertProfileFactory().user,
        STAFF: staff,
        PARTY: PartyStaffFactory(),
        INSTR: InstructorFactory(),
    }
    # a funded project with a report and an objection, for the remaining URLs
    extra = services.assign_expert(staff, proposal, ExpertProfileFactory().user)
    score_all(extra, Decimal("0.8"))
    services.close_review(staff, round_)
    services.award(staff, proposal, proposal.requested_amount)
    announcing_round_dates(round_)
    services.publish_announcement(staff, round_)
    objection = services.file_objection(round_, proposal, "甲", "13900000000", "异议")
    services.handle_objection(staff, objection, "dismissed", "不成立")
    past_round_dates(round_)
    services.finalize_awards(staff, round_)
    report = ProgressReport.objects.create(proposal=proposal, kind="periodic", due_on=round_.signing_by)
    attachment = ReportDocument(report=report)
    attachment.attach(SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\nxx"), own)
    attachment.save()
    current = RoundFactory()  # open, for the apply page
    agreement = proposal.award.agreement
    args = {
        "rounds": [],
        "round": [round_.code],
        "announcement": [round_.code],
        "funded": [],
        "my_proposals": [],
        "apply": [current.code],
        "proposal": [proposal.pk],
        "proposal_edit": [proposal.pk],
        "document": [proposal.documents.get().pk],
        "report": [report.pk],
        "report_document": [attachment.pk],
        "expert_portal": [],
        "expert_scores": [],
        "expert_proposal": [proposal.pk],
        "expert_evaluation": [proposal.pk, "proposal"],
        "staff_rounds": [],
        "export_round": [round_.pk, "scores"],
        "staff_screen": [proposal.pk],
        "proposal_submit": [proposal.pk],
        "proposal_withdraw": [proposal.pk],
        "document_upload": [proposal.pk],
        "assign_expert": [proposal.pk],
        "allow_short_review": [proposal.pk],
        "award": [proposal.pk],
        "pass_over": [proposal.pk],
        "cancel_award": [proposal.pk],
        "record_coaching": [proposal.pk],
        "schedule_report": [proposal.pk],
        "assign_evaluators": [proposal.pk],
        "conclude_midterm": [proposal.pk],
        "conclude_final": [proposal.pk],
        "close_project": [proposal.pk],
        "expert_declaration": [proposal.pk, "proposal"],
        "declare_conflict": [proposal.pk, "proposal"],
        "save_review": [proposal.pk, "proposal"],
        "submit_review": [proposal.pk, "proposal"],
        "file_objection": [round_.code],
        "reopen_review": [assignment.review.pk],
        "handle_objection": [Objection.objects.get().pk],
        "sign_agreement": [agreement.pk],
        "record_payment": [agreement.tranches.first().pk],
        "publish_announcement": [round_.pk],
    }
    for name in (
        "run_assignment",
        "close_review",
        "record_public_score",
        "grant_bonus",
        "finalize_awards",
        "staff_round",
        "staff_screening",
        "staff_assignment",
        "staff_draw",
        "staff_sheets",
        "staff_public",
        "staff_review",
        "staff_ranking",
        "staff_objections",
        "staff_agreements",
        "staff_projects",
    ):
        args[name] = [round_.pk]
    assert other_round_proposal.pk != proposal.pk
    return users, args


def _names():
    resolver = get_resolver()
    namespace = resolver.namespace_dict["venture"][1]
    return {p.name for p in namespace.url_patterns}


def test_every_venture_url_has_a_declared_expectation():
    assert _names() == set(EXPECTED) | set(POST_ONLY)


@pytest.mark.parametrize("visitor", VISITORS)
def test_each_visitor_gets_exactly_the_declared_answer(client, world, visitor):
    users, args = world
    if users[visitor]:
        client.force_login(users[visitor])
    leaks = []
    for name, expected in EXPECTED.items():
        status = client.get(reverse(f"venture:{name}", args=args[name])).status_code
        if status != expected[visitor]:
            leaks.append((name, status, expected[visitor]))
    for name, allowed in POST_ONLY.items():
        if visitor == allowed:
            continue
        status = client.post(reverse(f"venture:{name}", args=args[name])).status_code
        if status != (302 if visitor == A else 403 if allowed == STAFF else 404):
            leaks.append((name, "POST", status))
    assert leaks == []
