"""The venture records the access matrix walks.

Three rounds: a blind round in expert review (org A's and org B's proposals, an assigned expert who has
scored, a conflicted expert, another panel member whose scores must stay hidden until the review closes); a
second blind round where the conflicted expert is tied to org A only by its affiliation; and a finished round
where org A's project is funded, announced, objected to, signed and reporting. Plus an open round to apply to."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from orgs.models import ExpertProfile
from tests.factories import ExpertFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import (
    announcing_round_dates,
    move_dates,
    past_round_dates,
    pledged,
    score_all,
    screened,
)
from venture import services
from venture.models import ProgressReport, ReportDocument

REVIEWERS = ["评审专家子（矩阵）", "评审专家丑（矩阵）", "评审专家寅（矩阵）", "曾任该组织顾问（矩阵）"]


def _score(assignment, fraction, comment):
    """The expert declares no conflict and submits, with the comment on every criterion and overall."""
    services.declare_conflict(assignment.expert, assignment, False)
    criteria = assignment.proposal.round.rubric.criteria.all()
    scores = {c.pk: (c.max_score * fraction, comment) for c in criteria}
    services.save_review(assignment.expert, assignment, scores, comment, submit=True)


def build(world):
    users, org_a, org_b = world.users, world.org_a, world.org_b
    staff, applicant_a = users["park_staff"], users["applicant_a"]

    # Reviewers' names are distinctive so that a page naming a reviewer to the wrong person is caught.
    for role, name in (("expert_assigned", "评审专家子（矩阵）"), ("expert_conflicted", "评审专家丑（矩阵）")):
        users[role].full_name = name
        users[role].save(update_fields=["full_name"])
    panel_expert = ExpertFactory(full_name="评审专家寅（矩阵）")

    # The blind round in review.
    blind = RoundFactory(title="盲评创投大赛（矩阵）", experts_per_proposal=2, blind=True)
    move_dates(
        blind,
        opens_on=-20,
        submission_deadline=-10,
        review_starts_on=-9,
        review_deadline=5,
        announcement_starts_on=6,
        announcement_ends_on=12,
        signing_by=30,
    )
    proposal_a = ProposalFactory(round=blind, organization=org_a, title="甲的盲评项目（矩阵）")
    services.add_document(
        applicant_a,
        proposal_a,
        SimpleUploadedFile(f"{org_a.name}项目书.pdf", b"%PDF-1.4 secret proposal book of A"),
        "项目书",
    )
    services.add_document(
        applicant_a,
        proposal_a,
        SimpleUploadedFile("登记证书.pdf", b"%PDF-1.4 secret identity document of A"),
        "甲机构登记证书（矩阵）",
        identifying=True,
    )
    proposal_b = ProposalFactory(round=blind, organization=org_b, title="乙的盲评项目（矩阵）")
    screened(proposal_a, staff)
    screened(proposal_b, staff)
    assignment = services.assign_expert(staff, proposal_a, users["expert_assigned"])
    conflicted = services.assign_expert(staff, proposal_a, users["expert_conflicted"])
    services.declare_conflict(users["expert_conflicted"], conflicted, True, "曾任该组织顾问（矩阵）")
    services.assign_expert(staff, proposal_b, users["expert_unassigned"])
    pledged(blind, users["expert_assigned"], users["expert_unassigned"])
    _score(assignment, Decimal("0.8"), "本人评语（矩阵）")
    _score(services.assign_expert(staff, proposal_a, panel_expert), Decimal("0.5"), "另一位专家的评语（矩阵）")

    # A second blind round: the conflicted expert was assigned before its tie to org A (its affiliation) was
    # known; the tie alone must take the proposal off its list. The assigned expert has not declared yet.
    blind_2 = RoundFactory(title="第二个盲评创投大赛（矩阵）", experts_per_proposal=2, blind=True)
    move_dates(
        blind_2,
        opens_on=-20,
        submission_deadline=-10,
        review_starts_on=-9,
        review_deadline=5,
        announcement_starts_on=6,
        announcement_ends_on=12,
        signing_by=30,
    )
    tied = ProposalFactory(round=blind_2, organization=org_a, title="甲的第二个盲评项目（矩阵）")
    screened(tied, staff)
    services.assign_expert(staff, tied, users["expert_assigned"])
    services.assign_expert(staff, tied, users["expert_conflicted"])
    pledged(blind_2, users["expert_assigned"])
    ExpertProfile.objects.update_or_create(user=users["expert_conflicted"], defaults={"affiliation": org_a.name})

    # The finished round: org A funded, announced, objected to, agreement open, a report with an attachment.
    done = RoundFactory(title="已结束的创投大赛（矩阵）", experts_per_proposal=2, blind=False)
    funded = ProposalFactory(round=done, organization=org_a, title="甲的资助项目（矩阵）")
    screened(funded, staff)
    for _ in range(2):
        score_all(services.assign_expert(staff, funded, ExpertFactory()), Decimal("0.8"))
    services.close_review(staff, done)
    services.award(staff, funded, funded.requested_amount)
    announcing_round_dates(done)
    services.publish_announcement(staff, done)
    objection = services.file_objection(done, funded, "异议人丙（矩阵）", "13900000077", "异议内容（矩阵）")
    services.handle_objection(staff, objection, "dismissed", "不成立")
    past_round_dates(done)
    services.finalize_awards(staff, done)
    funded.refresh_from_db()
    report = ProgressReport.objects.create(proposal=funded, kind="periodic", due_on=done.signing_by)
    attachment = ReportDocument(report=report)
    attachment.attach(SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\nsecret report photo of A"), applicant_a)
    attachment.save()

    open_round = RoundFactory(title="正在征集的创投大赛（矩阵）")
    world.objects.update(
        venture_blind=blind,
        venture_proposal=proposal_a,
        venture_proposal_b=proposal_b,
        venture_tied=tied,
        venture_document=proposal_a.documents.get(identifying=False),
        venture_identifying=proposal_a.documents.get(identifying=True),
        venture_identifying_label="甲机构登记证书（矩阵）",
        venture_review=assignment.review,
        venture_own_comment="本人评语（矩阵）",
        venture_panel_comment="另一位专家的评语（矩阵）",
        venture_done=done,
        venture_funded=funded,
        venture_objection=objection,
        venture_agreement=funded.award.agreement,
        venture_report=report,
        venture_report_document=attachment,
        venture_open=open_round,
    )


def secrets(world):
    return [
        world.venture_proposal.title,
        world.venture_proposal_b.title,
        world.venture_tied.title,
        "secret proposal book of A",
        "secret identity document of A",
        "secret report photo of A",
        world.venture_own_comment,
        world.venture_panel_comment,
        "异议人丙（矩阵）",
        "13900000077",
        *REVIEWERS,
    ]
