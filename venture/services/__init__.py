"""Every change a user makes to venture records, one function each (acting user first, atomic)."""

from .agreements import record_payment, sign_agreement
from .awards import (
    award,
    cancel_award,
    file_objection,
    finalize_awards,
    handle_objection,
    pass_over,
    publish_announcement,
)
from .pool import draw_for_round
from .projects import (
    assign_evaluators,
    close_project,
    conclude_evaluation,
    record_coaching,
    save_report,
    schedule_report,
    submit_report,
)
from .proposals import (
    add_document,
    create_proposal,
    missing_for_submission,
    next_number,
    refresh_totals,
    screen,
    submit_proposal,
    withdraw_proposal,
)
from .public import formula, grant_bonus, record_public_score
from .review import (
    allow_short_review,
    assign_expert,
    balanced_assignment,
    close_review,
    declare_conflict,
    reopen_review,
    save_review,
)

__all__ = [
    "formula",
    "grant_bonus",
    "record_public_score",
    "add_document",
    "assign_evaluators",
    "assign_expert",
    "award",
    "balanced_assignment",
    "cancel_award",
    "close_project",
    "close_review",
    "conclude_evaluation",
    "create_proposal",
    "declare_conflict",
    "draw_for_round",
    "file_objection",
    "finalize_awards",
    "handle_objection",
    "missing_for_submission",
    "next_number",
    "pass_over",
    "publish_announcement",
    "record_coaching",
    "record_payment",
    "refresh_totals",
    "reopen_review",
    "review_for",
    "save_report",
    "allow_short_review",
    "save_review",
    "schedule_report",
    "screen",
    "sign_agreement",
    "submit_proposal",
    "submit_report",
    "withdraw_proposal",
]
