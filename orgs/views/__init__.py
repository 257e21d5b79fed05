"""The orgs pages, one module per audience."""

from .applicant import download_document, my_application, my_organization, my_profile, upload_document
from .evaluations import evaluation, evaluation_action
from .expert import expert_assignment, expert_document, expert_home
from .pool import (
    draw,
    draw_record,
    draw_sheet,
    draws,
    evaluation_draw,
    expert_profile,
    pledge,
    pool,
    pool_expert,
    seat_leave,
)
from .public import call_detail, calls, register
from .staff import (
    board,
    organization,
    organization_bid,
    organization_evaluation,
    organization_export,
    organization_list,
    organization_service,
    organization_space,
    organization_stage,
    release_space,
    spaces,
)

__all__ = [
    "draw",
    "draw_record",
    "draw_sheet",
    "draws",
    "evaluation_draw",
    "expert_profile",
    "pledge",
    "pool",
    "pool_expert",
    "seat_leave",
    "register",
    "calls",
    "call_detail",
    "my_organization",
    "my_profile",
    "my_application",
    "upload_document",
    "download_document",
    "expert_home",
    "expert_assignment",
    "expert_document",
    "board",
    "organization_list",
    "organization_export",
    "organization",
    "organization_stage",
    "organization_evaluation",
    "organization_space",
    "release_space",
    "organization_service",
    "organization_bid",
    "spaces",
    "evaluation",
    "evaluation_action",
]
