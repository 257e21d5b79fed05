"""Party-branch incubation records (一领双孵化): the party organizations of the 1+1+6 structure, each
organization's incubation case with its members, and the follow-up services."""

from .cases import (
    Band,
    Formation,
    InstructorProfile,
    MemberAccess,
    MemberStatus,
    PartyCase,
    PartyMember,
    Stage,
    StageLog,
    TransferStatus,
)
from .followup import (
    Honour,
    JointMeeting,
    RatingIndicator,
    RatingScheme,
    RatingScore,
    StarRating,
    Support,
    TalentFlow,
    Training,
)
from .structure import FormationMode, PartyOrganization

__all__ = [
    "Band",
    "Formation",
    "FormationMode",
    "Honour",
    "InstructorProfile",
    "JointMeeting",
    "MemberAccess",
    "MemberStatus",
    "PartyCase",
    "PartyMember",
    "PartyOrganization",
    "RatingIndicator",
    "RatingScheme",
    "RatingScore",
    "Stage",
    "StageLog",
    "StarRating",
    "Support",
    "TalentFlow",
    "Training",
    "TransferStatus",
]
