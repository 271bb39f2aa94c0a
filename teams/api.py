"""teams REST API (DESIGN §7): each area's viewsets live in teams/rest/ and
are registered here on the app's `routes`."""

from __future__ import annotations

from core.api import Routes
from teams.rest import appraisals, engineering, people, recruitment, skills, training

routes = Routes()
routes.register("people", people.PersonViewSet, basename="person")
routes.register("positions", people.PositionViewSet, basename="position")
routes.register("skills", skills.SkillViewSet, basename="skill")
routes.register(
    "skill-assessments", skills.SkillAssessmentViewSet, basename="skill-assessment"
)
routes.register(
    "training-plans", training.TrainingPlanViewSet, basename="training-plan"
)
routes.register(
    "training-records", training.TrainingRecordViewSet, basename="training-record"
)
# Part 2 (issue 23): appraisals, staff cases, recruitment.
routes.registry.extend(appraisals.routes.registry)
routes.registry.extend(recruitment.routes.registry)
routes.registry.extend(engineering.routes.registry)
