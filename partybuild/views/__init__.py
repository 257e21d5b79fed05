"""Party pages (re-exported for urls.py): thin views; selectors find, services change."""

from .cases import assign, case, cases, mine, open_case, step, support_add, training_add, workbench
from .members import flow_add, member_edit, member_remove, members, members_export
from .structure import (
    honour_add,
    join,
    meeting_add,
    party_organization,
    party_organization_add,
    rating_add,
    rating_announce,
    rating_finalize,
    structure,
)

__all__ = [
    "assign",
    "case",
    "cases",
    "flow_add",
    "honour_add",
    "join",
    "meeting_add",
    "member_edit",
    "member_remove",
    "members",
    "members_export",
    "mine",
    "open_case",
    "party_organization",
    "party_organization_add",
    "rating_add",
    "rating_announce",
    "rating_finalize",
    "step",
    "structure",
    "support_add",
    "training_add",
    "workbench",
]
