"""The technical team (DESIGN §7). One module per area; part 2 adds its own."""

from teams.models.approvals import Approvable, ApprovalStep
from teams.models.people import Person, Position, PositionSkill
from teams.models.skills import Skill, SkillAssessment, SkillCategory, SkillLevel
from teams.models.training import TrainingItem, TrainingPlan, TrainingRecord

__all__ = [
    "Approvable",
    "ApprovalStep",
    "Person",
    "Position",
    "PositionSkill",
    "Skill",
    "SkillAssessment",
    "SkillCategory",
    "SkillLevel",
    "TrainingItem",
    "TrainingPlan",
    "TrainingRecord",
]
