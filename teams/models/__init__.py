"""The technical team (DESIGN §7). One module per area; part 2 adds its own."""

from teams.models.appraisals import (
    Appraisal,
    AppraisalCriterion,
    AppraisalCycle,
    AppraisalScheme,
    AppraisalScore,
    ImprovementAction,
)
from teams.models.approvals import Approvable, ApprovalStep
from teams.models.cases import StaffActionCase
from teams.models.engineering import (
    KeyResult,
    PurchaseItem,
    PurchasePlan,
    ReviewCondition,
    TechIntroduction,
    TechnicalReview,
    TechnicalReviewRound,
    TechObjective,
    TechPlan,
    TechStandard,
)
from teams.models.people import Person, Position, PositionSkill
from teams.models.recruitment import (
    Application,
    Candidate,
    Interview,
    InterviewScore,
    PositionRequest,
)
from teams.models.skills import Skill, SkillAssessment, SkillCategory, SkillLevel
from teams.models.training import TrainingItem, TrainingPlan, TrainingRecord

__all__ = [
    "Application",
    "Appraisal",
    "AppraisalCriterion",
    "AppraisalCycle",
    "AppraisalScheme",
    "AppraisalScore",
    "Approvable",
    "ApprovalStep",
    "Candidate",
    "ImprovementAction",
    "Interview",
    "InterviewScore",
    "KeyResult",
    "Person",
    "Position",
    "PositionRequest",
    "PositionSkill",
    "PurchaseItem",
    "PurchasePlan",
    "ReviewCondition",
    "Skill",
    "SkillAssessment",
    "SkillCategory",
    "SkillLevel",
    "StaffActionCase",
    "TechIntroduction",
    "TechObjective",
    "TechPlan",
    "TechStandard",
    "TechnicalReview",
    "TechnicalReviewRound",
    "TrainingItem",
    "TrainingPlan",
    "TrainingRecord",
]
