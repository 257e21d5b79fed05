"""Venture philanthropy (公益创投): rounds, proposals, expert review, awards and funded projects."""

from .awards import Agreement, Award, Objection, Tranche
from .implementation import CoachingRecord, ProgressReport, ReportDocument
from .proposals import Activity, BudgetCategory, BudgetLine, Proposal, ProposalDocument, ProposalState, ScreeningRecord
from .public import BonusItem, ProposalBonus, PublicScore
from .review import Assignment, Review, ReviewKind, ReviewOverride, Score
from .rounds import Area, Round, TieBreak, TrancheCondition, TranchePlanItem

__all__ = [
    "Activity",
    "Agreement",
    "Area",
    "Assignment",
    "Award",
    "BonusItem",
    "BudgetCategory",
    "BudgetLine",
    "CoachingRecord",
    "Objection",
    "ProgressReport",
    "Proposal",
    "ProposalBonus",
    "ProposalDocument",
    "ProposalState",
    "PublicScore",
    "ReportDocument",
    "Review",
    "ReviewKind",
    "ReviewOverride",
    "Round",
    "Score",
    "TieBreak",
    "ScreeningRecord",
    "Tranche",
    "TrancheCondition",
    "TranchePlanItem",
]
