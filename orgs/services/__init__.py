"""Every change a user makes to organizations and their incubation, one function each (by aggregate)."""

from .common import contacts_of
from .evaluation import (
    EVALUATION_STEP,
    assign_expert,
    close_evaluation,
    decide_evaluation,
    declare_conflict,
    open_evaluation,
    panel_of,
    replace_expert,
    submit_scores,
)
from .incubation import (
    ACTIONS,
    action_label,
    admit,
    admit_resident,
    complete,
    decline,
    start_inspection,
    terminate,
    withdraw,
)
from .registry import confirm_membership, register_applicant, save_application, update_profile, upload_document
from .support import allocate_space, record_bid, record_service, release_space

__all__ = [
    "ACTIONS",
    "EVALUATION_STEP",
    "action_label",
    "admit",
    "admit_resident",
    "allocate_space",
    "assign_expert",
    "close_evaluation",
    "complete",
    "confirm_membership",
    "contacts_of",
    "declare_conflict",
    "decide_evaluation",
    "decline",
    "open_evaluation",
    "panel_of",
    "record_bid",
    "record_service",
    "register_applicant",
    "release_space",
    "replace_expert",
    "save_application",
    "start_inspection",
    "submit_scores",
    "terminate",
    "update_profile",
    "upload_document",
    "withdraw",
]
