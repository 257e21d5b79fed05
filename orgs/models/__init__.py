"""The orgs app's records, one module per aggregate."""

from .evaluation import Assignment, Evaluation, EvaluationKind, Score
from .incubation import Incubation, Stage, StageLog
from .pool import DEFAULT_PLEDGE, Draw, DrawEvent, Pledge, Seat, SignedSheet
from .recruitment import Application, Need, OrganizationDocument, RecruitmentCall
from .registry import (
    GRADE_VALID_YEARS,
    REGISTERED_TYPES,
    Category,
    Expertise,
    ExpertProfile,
    Grade,
    Membership,
    Organization,
    RegistrationType,
    Track,
)
from .support import GovernmentBid, ServiceEntry, Space, SpaceAllocation

__all__ = [
    "DEFAULT_PLEDGE",
    "Draw",
    "DrawEvent",
    "Expertise",
    "Pledge",
    "Seat",
    "SignedSheet",
    "GRADE_VALID_YEARS",
    "REGISTERED_TYPES",
    "Application",
    "Assignment",
    "Category",
    "Evaluation",
    "EvaluationKind",
    "ExpertProfile",
    "GovernmentBid",
    "Grade",
    "Incubation",
    "Membership",
    "Need",
    "Organization",
    "OrganizationDocument",
    "RecruitmentCall",
    "RegistrationType",
    "Score",
    "ServiceEntry",
    "Space",
    "SpaceAllocation",
    "Stage",
    "StageLog",
    "Track",
]
