"""Every change to party records, one function each, taking the acting user first (re-exported here, so
callers use `partybuild.services.<function>`)."""

from .cases import (
    Proposal,
    advance,
    assign_instructor,
    on_organization_admitted,
    open_case,
    open_cases_by_hand,
    proposed_formation,
    recount,
    remove_member,
    save_member,
)
from .followup import (
    announce_rating,
    award_honour,
    finalize_rating,
    rate,
    record_flow,
    record_meeting,
    record_support,
    record_training,
)
from .structure import form_party_organization, join_party_organization, joint_branch_warnings

__all__ = [
    "Proposal",
    "advance",
    "announce_rating",
    "assign_instructor",
    "award_honour",
    "finalize_rating",
    "form_party_organization",
    "join_party_organization",
    "joint_branch_warnings",
    "on_organization_admitted",
    "open_case",
    "open_cases_by_hand",
    "proposed_formation",
    "rate",
    "recount",
    "record_flow",
    "record_meeting",
    "record_support",
    "record_training",
    "remove_member",
    "save_member",
]
