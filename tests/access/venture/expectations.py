"""What the venture rules share: the roles, the objects a URL names, what each role must not see (and must
see, so that the check looks at real content), and the staff rules' shapes."""

from tests.access.rules import EVERYONE, STAFF, Rule

from .world import REVIEWERS

APPLICANTS = frozenset({"applicant_a", "applicant_b"})
EXPERTS = frozenset({"expert_assigned", "expert_unassigned", "expert_conflicted"})
OWNER = frozenset({"applicant_a"})


def blind_identity(w):
    """What tells an expert of the blind round who applied."""
    return [w.org_a.name, w.org_a.uscc, w.venture_identifying_label, "secret identity document of A"]


def panel_secrets(w):
    """Scores and comments of the review still open."""
    return [w.venture_own_comment, w.venture_panel_comment]


def blind(w):
    return {"pk": w.venture_blind.pk}


def done(w):
    return {"pk": w.venture_done.pk}


def proposal(w):
    return {"pk": w.venture_proposal.pk}


def funded(w):
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
    "applicant_a": lambda w: [w.org_b.name, w.venture_proposal_b.title, *panel_secrets(w), *REVIEWERS],
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
        *blind_identity(w),
        w.venture_panel_comment,
        w.venture_proposal_b.title,
        *REVIEWERS[1:],
    ],
    "expert_unassigned": lambda w: [
        w.org_a.name,
        w.venture_proposal.title,
        w.venture_tied.title,
        *panel_secrets(w),
        # Org B's proposal is this expert's, in the same blind round.
        w.org_b.name,
        w.org_b.uscc,
    ],
    "expert_conflicted": lambda w: [w.org_a.name, w.venture_proposal.title, w.venture_tied.title, *panel_secrets(w)],
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


def staff_get(name, kwargs=blind, **extra):
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
