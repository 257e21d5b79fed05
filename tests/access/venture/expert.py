"""The venture rules of the expert's pages and commands."""

from tests.access.rules import Rule
from venture.models import ReviewKind

from .expectations import EXPERT_HIDDEN, EXPERT_SHOWN, EXPERTS, proposal


def tied(w):
    return {"pk": w.venture_tied.pk, "kind": ReviewKind.PROPOSAL}


def scoring(w):
    return {"pk": w.venture_proposal.pk, "kind": ReviewKind.PROPOSAL}


RULES = [
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
        kwargs=proposal,
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
        "venture:expert_declaration",
        frozenset({"expert_assigned"}),
        kwargs=tied,
        hidden=EXPERT_HIDDEN,
        shown={"expert_assigned": lambda w: [w.venture_tied.title]},
    ),
    # A declaration posted without a choice is refused: the declaration again, nothing changes.
    Rule(
        "venture:declare_conflict",
        frozenset({"expert_assigned"}),
        kwargs=tied,
        hidden=EXPERT_HIDDEN,
        method="post",
        shown={"expert_assigned": lambda w: [w.venture_tied.title]},
    ),
    # A submitted review is locked: posting to it changes nothing and shows the page again.
    Rule(
        "venture:submit_review",
        frozenset({"expert_assigned"}),
        kwargs=scoring,
        hidden=EXPERT_HIDDEN,
        method="post",
        data=lambda w: {"overall_comment": "改写（矩阵）", "submit": "1"},
    ),
    Rule(
        "venture:save_review",
        frozenset({"expert_assigned"}),
        kwargs=scoring,
        hidden=EXPERT_HIDDEN,
        method="post",
        data=lambda w: {"overall_comment": "改写（矩阵）", "save": "1"},
    ),
]
