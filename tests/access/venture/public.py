"""The venture rules of the public pages and the applicant's pages."""

from tests.access.rules import EVERYONE, STAFF, Rule

from .expectations import (
    APPLICANT_HIDDEN,
    APPLICANTS,
    OWNER,
    PUBLIC_HIDDEN,
    blind_identity,
    everyone,
    funded,
    proposal,
    staff_see,
)
from .world import REVIEWERS

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
    # Anyone may object; posted empty, the objection is refused and the announcement comes back.
    Rule(
        "venture:file_objection",
        EVERYONE,
        kwargs=lambda w: {"code": w.venture_done.code},
        method="post",
        hidden=PUBLIC_HIDDEN,
        shown=everyone(lambda w: w.venture_funded.title),
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
        kwargs=proposal,
        hidden=APPLICANT_HIDDEN,
        ok_for={"expert_assigned": (302,)},
        shown={"applicant_a": lambda w: [w.venture_proposal.title]}
        | staff_see(lambda w: w.org_a.name, lambda w: w.venture_panel_comment, lambda w: REVIEWERS[2]),
    ),
    Rule("venture:proposal", OWNER | STAFF, kwargs=funded, hidden={"applicant_a": lambda w: [w.org_b.name]}),
    # A funded proposal can no longer be edited: its organization is sent back to its page.
    Rule("venture:proposal_edit", OWNER, kwargs=funded, ok=(302,)),
    # Submitting again or withdrawing a funded project is refused with a message; nothing changes.
    Rule("venture:proposal_submit", OWNER, kwargs=funded, method="post", ok=(302,)),
    Rule("venture:proposal_withdraw", OWNER, kwargs=funded, method="post", ok=(302,)),
    # Posted empty: refused, the proposal's page again; nothing stored.
    Rule("venture:document_upload", OWNER, kwargs=funded, method="post", ok=(200,)),
    Rule(
        "venture:document",
        OWNER | STAFF | {"expert_assigned"},
        kwargs=lambda w: {"pk": w.venture_document.pk},
        hidden={"expert_assigned": blind_identity},
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
]
