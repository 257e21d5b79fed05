"""The orgs forms, by subject; `from orgs.forms import X` reads each of them from here."""

from .applicant import ApplicantRegistrationForm, ApplicationForm, DocumentForm, OrganizationProfileForm
from .evaluations import (
    ConflictForm,
    DecisionForm,
    EvaluationSetupForm,
    ExpertChoiceField,
    ReplaceExpertForm,
    ScoreForm,
)
from .incubation import AllocateSpaceForm, GovernmentBidForm, ServiceEntryForm, StageActionForm
from .pool import DrawForm, ExpertProfileForm, LeaveForm, PledgeTextForm, SheetForm, SuspendForm
from .public import DirectoryFilter
from .workbench import MembershipDecisionForm, RecruitmentCallForm, RegisterImportForm, ResponsibleStaffForm

__all__ = [
    "AllocateSpaceForm",
    "ApplicantRegistrationForm",
    "ApplicationForm",
    "ConflictForm",
    "DecisionForm",
    "DirectoryFilter",
    "DocumentForm",
    "DrawForm",
    "EvaluationSetupForm",
    "ExpertChoiceField",
    "ExpertProfileForm",
    "GovernmentBidForm",
    "LeaveForm",
    "MembershipDecisionForm",
    "OrganizationProfileForm",
    "PledgeTextForm",
    "RecruitmentCallForm",
    "RegisterImportForm",
    "ReplaceExpertForm",
    "ResponsibleStaffForm",
    "ScoreForm",
    "ServiceEntryForm",
    "SheetForm",
    "StageActionForm",
    "SuspendForm",
]
