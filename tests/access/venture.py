"""The venture app's part of the access matrix.

Three rounds: a blind round in expert review (org A's and org B's proposals, an assigned expert who has
scored, a conflicted expert, another panel member whose scores must stay hidden until the review closes); a
second blind round where the conflicted expert is tied to org A only by its affiliation; and a finished round
where org A's project is funded, announced, objected to, signed and reporting. Plus an open round to apply to."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from orgs.models import ExpertProfile
from tests.access.rules import EVERYONE, STAFF, Rule
from tests.factories import ExpertFactory
from tests.venture.factories import ProposalFactory, RoundFactory
from tests.venture.helpers import announcing_round_dates, move_dates, past_round_dates, score_all, screened
from venture import services
from venture.models import ProgressReport, ReportDocument, ReviewKind

APPLICANTS = frozenset({"applicant_a", "applicant_b"})
EXPERTS = frozenset({"expert_assigned", "expert_unassigned", "expert_conflicted"})
OWNER = frozenset({"applicant_a"})


def _blind_identity(w):
    """What tells an expert of the blind round who applied."""
    return [w.org_a.name, w.org_a.uscc, w.venture_identifying_label, "secret identity document of A"]


def _panel_secrets(w):
    """Scores and comments of the review still open."""
    return [w.venture_own_comment, w.venture_panel_comment]


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


def _blind(w):
    return {"pk": w.venture_blind.pk}


def _done(w):
    return {"pk": w.venture_done.pk}


def _proposal(w):
    return {"pk": w.venture_proposal.pk}


def _funded(w):
    return {"pk": w.venture_funded.pk}


# Nobody but staff learns who objected; the blind round's proposals are nobody's business on public pages.
PUBLIC_HIDDEN = {
    role: (
        lambda w: [
            "异议人丙（矩阵）",
            "13900000077",
            w.venture_proposal.title,
            w.venture_proposal_b.title,
            w.venture_tied.title,
        ]
    )
    for role in EVERYONE - STAFF
}
# An applicant sees its own organization only, and no reviewer's words while the review is open.
APPLICANT_HIDDEN = {
    # Nor who reviews it, nor who recused and why.
    "applicant_a": lambda w: [w.org_b.name, w.venture_proposal_b.title, *_panel_secrets(w), *REVIEWERS],
    "applicant_b": lambda w: [
        w.org_a.name,
        w.org_a.uscc,
        w.venture_proposal.title,
        w.venture_tied.title,
        w.venture_funded.title,
    ],
}
# The assigned expert sees its own scores and the proposal, never the identity nor the other panel member;
# the others see nothing of org A's blind proposal.
EXPERT_HIDDEN = {
    "expert_assigned": lambda w: [
        *_blind_identity(w),
        w.venture_panel_comment,
        w.venture_proposal_b.title,
        *REVIEWERS[1:],
    ],
    "expert_unassigned": lambda w: [
        w.org_a.name,
        w.venture_proposal.title,
        w.venture_tied.title,
        *_panel_secrets(w),
        # Org B's proposal is this expert's, in the same blind round.
        w.org_b.name,
        w.org_b.uscc,
    ],
    "expert_conflicted": lambda w: [w.org_a.name, w.venture_proposal.title, w.venture_tied.title, *_panel_secrets(w)],
}


def everyone(*strings):
    """`shown` for every role: strings the page must carry (so a `hidden` check looks at real content)."""
    return {role: (lambda w, s=strings: [f(w) for f in s]) for role in EVERYONE}


def staff_see(*strings):
    return {role: (lambda w, s=strings: [f(w) for f in s]) for role in STAFF}


EXPERT_SHOWN = {
    "expert_assigned": lambda w: [w.venture_proposal.title, w.venture_own_comment],
    "expert_unassigned": lambda w: [w.venture_proposal_b.title],
}


def staff_get(name, kwargs=_blind, **extra):
    return Rule(f"venture:{name}", STAFF, kwargs=kwargs, **extra)


def staff_job(name, kwargs, **extra):
    """A staff action that starts a Celery job (an export): answered with a redirect to its progress page."""
    return Rule(f"venture:{name}", STAFF, kwargs=kwargs, method="post", ok=(302,), **extra)


def staff_refused(name, kwargs):
    """A staff action posted empty: refused, and the page sent again with what was typed; nothing changes."""
    return Rule(f"venture:{name}", STAFF, kwargs=kwargs, method="post", ok=(200,))


def staff_post(name, kwargs):
    """A staff action posted empty: the form is refused with a message and the page sent back, nothing changes."""
    return Rule(f"venture:{name}", STAFF, kwargs=kwargs, method="post", ok=(302,))


RULES = [
    # Public: the calls, the announcement (公示) and the funded projects.
    Rule("venture:rounds", EVERYONE, hidden=PUBLIC_HIDDEN),
    Rule("venture:round", EVERYONE, kwargs=lambda w: {"code": w.venture_blind.code}, hidden=PUBLIC_HIDDEN),
    Rule("venture:round", EVERYONE, kwargs=lambda w: {"code": w.venture_done.code}, hidden=PUBLIC_HIDDEN),
    Rule(
        "venture:announcement",
        EVERYONE,
        kwargs=lambda w: {"code": w.venture_done.code},
        hidden=PUBLIC_HIDDEN,
        shown=everyone(lambda w: w.venture_funded.title, lambda w: w.org_a.name),
    ),
    # The blind round has no announcement yet: it does not exist for anybody.
    Rule("venture:announcement", frozenset(), kwargs=lambda w: {"code": w.venture_blind.code}),
    Rule("venture:funded", EVERYONE, hidden=PUBLIC_HIDDEN, shown=everyone(lambda w: w.venture_funded.title)),
    # Applicant pages.
    Rule(
        "venture:my_proposals",
        APPLICANTS,
        hidden=APPLICANT_HIDDEN,
        shown={
            "applicant_a": lambda w: [w.venture_proposal.title, w.venture_funded.title],
            "applicant_b": lambda w: [w.venture_proposal_b.title],
        },
    ),
    Rule("venture:apply", APPLICANTS, kwargs=lambda w: {"code": w.venture_open.code}, hidden=APPLICANT_HIDDEN),
    # The proposal's own page: its organization and staff. The assigned expert is sent to the expert's page
    # of the same proposal (a redirect, not a denial), where the blind rules apply.
    Rule(
        "venture:proposal",
        OWNER | STAFF | {"expert_assigned"},
        kwargs=_proposal,
        hidden=APPLICANT_HIDDEN,
        ok_for={"expert_assigned": (302,)},
        shown={"applicant_a": lambda w: [w.venture_proposal.title]}
        | staff_see(lambda w: w.org_a.name, lambda w: w.venture_panel_comment, lambda w: REVIEWERS[2]),
    ),
    Rule("venture:proposal", OWNER | STAFF, kwargs=_funded, hidden={"applicant_a": lambda w: [w.org_b.name]}),
    # A funded proposal can no longer be edited: its organization is sent back to its page.
    Rule("venture:proposal_edit", OWNER, kwargs=_funded, ok=(302,)),
    # Submitting again or withdrawing a funded project is refused with a message; nothing changes.
    Rule("venture:proposal_submit", OWNER, kwargs=_funded, method="post", ok=(302,)),
    Rule("venture:proposal_withdraw", OWNER, kwargs=_funded, method="post", ok=(302,)),
    # Posted empty: refused, the proposal's page again; nothing stored.
    Rule("venture:document_upload", OWNER, kwargs=_funded, method="post", ok=(200,)),
    Rule(
        "venture:document",
        OWNER | STAFF | {"expert_assigned"},
        kwargs=lambda w: {"pk": w.venture_document.pk},
        hidden={"expert_assigned": _blind_identity},
        # Its organization and staff get the original name (which names org A); the blind expert a neutral one.
        shown={role: (lambda w: ["secret proposal book of A", w.org_a.name]) for role in OWNER | STAFF}
        | {"expert_assigned": lambda w: ["secret proposal book of A", f"{w.venture_proposal.code}-01.pdf"]},
    ),
    # An identifying document never reaches an expert of a blind round.
    Rule(
        "venture:document",
        OWNER | STAFF,
        kwargs=lambda w: {"pk": w.venture_identifying.pk},
        shown={role: (lambda w: ["secret identity document of A"]) for role in OWNER | STAFF},
    ),
    Rule("venture:report", OWNER, kwargs=lambda w: {"pk": w.venture_report.pk}),
    Rule(
        "venture:report_document",
        OWNER | STAFF,
        kwargs=lambda w: {"pk": w.venture_report_document.pk},
        shown={role: (lambda w: ["secret report photo of A"]) for role in OWNER | STAFF},
    ),
    # Expert pages.
    Rule(
        "venture:expert_portal",
        EXPERTS,
        hidden=EXPERT_HIDDEN,
        shown={role: (lambda w, r=role: EXPERT_SHOWN[r](w)[:1]) for role in EXPERT_SHOWN},
    ),
    Rule(
        "venture:expert_scores",
        EXPERTS,
        hidden=EXPERT_HIDDEN,
        shown={"expert_assigned": lambda w: [w.venture_proposal.title]},
    ),
    Rule(
        "venture:expert_proposal",
        frozenset({"expert_assigned"}),
        kwargs=_proposal,
        hidden=EXPERT_HIDDEN,
        shown={"expert_assigned": EXPERT_SHOWN["expert_assigned"]},
    ),
    Rule(
        "venture:expert_evaluation",
        frozenset({"expert_assigned"}),
        kwargs=lambda w: {"pk": w.venture_proposal.pk, "kind": ReviewKind.PROPOSAL},
        hidden=EXPERT_HIDDEN,
    ),
    # Before declaring, the assigned expert sees the code and title and the declaration form; the expert tied to
    # org A does not reach it at all.
    Rule(
        "venture:expert_proposal",
        frozenset({"expert_assigned"}),
        kwargs=lambda w: {"pk": w.venture_tied.pk},
        hidden=EXPERT_HIDDEN,
        shown={"expert_assigned": lambda w: [w.venture_tied.title]},
    ),
    # A submitted review is locked: posting to it changes nothing and shows the page again.
    Rule(
        "venture:expert_proposal",
        frozenset({"expert_assigned"}),
        kwargs=_proposal,
        hidden=EXPERT_HIDDEN,
        method="post",
        data=lambda w: {"overall_comment": "改写（矩阵）", "submit": "1"},
    ),
    # Staff pages.
    staff_get("staff_rounds", kwargs=lambda w: {}),
    staff_get("staff_round"),
    staff_get("staff_screening"),
    staff_get("staff_assignment"),
    staff_get("staff_review"),
    staff_get("staff_ranking", kwargs=_done),
    # The expert pool's draw for a round, its score sheets and the public panel: staff only.
    staff_get("staff_draw"),
    staff_get("staff_sheets", kwargs=_done),
    staff_get("staff_public"),
    staff_get("staff_objections", kwargs=_done),
    staff_get("staff_agreements", kwargs=_done),
    staff_get("staff_projects", kwargs=_done),
    # Exports are jobs: the walk runs each and reads the workbook as the same role.
    staff_job(
        "staff_export",
        kwargs=lambda w: {"pk": w.venture_blind.pk, "what": "scores"},
        shown=staff_see(lambda w: w.venture_panel_comment),
    ),
    staff_job(
        "staff_export",
        kwargs=lambda w: {"pk": w.venture_blind.pk, "what": "proposals"},
        shown=staff_see(lambda w: w.org_a.name, lambda w: w.venture_proposal.title),
    ),
    staff_job(
        "staff_export",
        kwargs=lambda w: {"pk": w.venture_done.pk, "what": "ranking"},
        shown=staff_see(lambda w: w.venture_done.code),
    ),
    staff_get("staff_screen", kwargs=_proposal),
    # Publishing an announcement already published is refused; nothing changes.
    staff_post("staff_publish", _done),
    staff_post("staff_assign", _proposal),
    staff_refused("staff_award", _funded),
    staff_post("staff_project", _funded),
    staff_refused("staff_reopen", lambda w: {"pk": w.venture_review.pk}),
    # Handling posted empty: the objections page comes back with the form's errors, nothing changes.
    Rule(
        "venture:staff_handle_objection",
        STAFF,
        kwargs=lambda w: {"pk": w.venture_objection.pk},
        method="post",
        ok=(200,),
    ),
    staff_refused("staff_sign", lambda w: {"pk": w.venture_agreement.pk}),
    staff_refused("staff_pay", lambda w: {"pk": w.venture_agreement.tranches.first().pk}),
    # The admin: venture records are park staff's; party-building staff have no venture permissions.
    Rule("admin:venture_proposal_changelist", STAFF, shown=staff_see(lambda w: w.venture_proposal.title)),
    Rule("admin:venture_review_changelist", STAFF),
    Rule("admin:venture_objection_changelist", STAFF),
]
