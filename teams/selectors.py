"""Reads of team records that span models: current skill levels, the
skills matrix, a person's skills over time, training hours per person."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery, Sum

from accounts.models import Department
from projects import access
from teams.models import (
    Person,
    PositionSkill,
    Skill,
    SkillAssessment,
    TrainingItem,
    TrainingRecord,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet

    from accounts.models import User

# A skill is covered by people at this level or above (DESIGN §7).
COVERED_AT = 3


def current_levels(
    people: Iterable[int] | QuerySet[Any], skills: Iterable[int] | None = None
) -> dict[tuple[int, int], int]:
    """{(person id, skill id): level} from each pair's latest assessment by
    someone other than the person (self-assessments never count). One query."""
    counted = SkillAssessment.objects.counted()
    latest = (
        counted.filter(person=OuterRef("person"), skill=OuterRef("skill"))
        .order_by("-assessed_on", "-created_at", "-pk")
        .values("pk")[:1]
    )
    rows = counted.filter(person__in=people)
    if skills is not None:
        rows = rows.filter(skill__in=skills)
    rows = rows.filter(pk=Subquery(latest))
    return {
        (person, skill): level
        for person, skill, level in rows.values_list("person_id", "skill_id", "level")
    }


def people_for(viewer: User) -> QuerySet[Any]:
    """Active users whose team records viewer may read."""
    users = get_user_model().objects.filter(is_active=True)
    if not access.roles.has_capability(
        viewer, access.model_permission(Person, access.VIEW)
    ):
        return users.none()
    if access.reads_team(viewer, Person.access):
        return users
    return users.filter(pk__in=access.team_people(viewer).values("pk"))  # type: ignore[union-attr]


@dataclass
class Cell:
    level: int | None
    required: int | None

    @property
    def gap(self) -> bool:
        return self.required is not None and (self.level or 0) < self.required


@dataclass
class Row:
    person: Any
    position: Any
    cells: list[Cell]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if cell.gap)


@dataclass
class Coverage:
    skill: Skill
    covered: int = 0
    gaps: int = 0

    @property
    def single_point(self) -> bool:
        """Only one person holds the skill at level 3 or above."""
        return self.covered == 1


@dataclass
class Matrix:
    skills: list[Skill]
    rows: list[Row]
    coverage: list[Coverage] = field(default_factory=list)


def matrix_people(
    viewer: User,
    *,
    department: Department | None = None,
    manager: Any = None,
) -> QuerySet[Any]:
    # The team: people placed in a department or a position (not customers'
    # or service accounts).
    people = people_for(viewer).filter(
        Q(department__isnull=False) | Q(person__position__isnull=False)
    )
    if department is not None:
        ids = Department.objects.subtree_ids(department.pk)
        people = people.filter(department__in=ids)
    if manager is not None:
        people = people.filter(pk__in=access.subordinates(manager))
    return people


def skills_matrix(
    viewer: User,
    *,
    people: QuerySet[Any],
    skills: QuerySet[Skill],
    gaps_only: bool = False,
) -> Matrix:
    """People x skills with levels, gaps against each person's position and
    coverage per skill, in a fixed number of queries whatever the size."""
    skill_list = list(skills.select_related("category"))
    person_list = list(
        people.select_related("person__position", "department").order_by(
            "last_name", "first_name", "username"
        )
    )
    positions = {
        getattr(getattr(p, "person", None), "position_id", None) for p in person_list
    } - {None}
    required: dict[int, dict[int, int]] = defaultdict(dict)
    for position_id, skill_id, level in PositionSkill.objects.filter(
        position__in=positions
    ).values_list("position_id", "skill_id", "min_level"):
        required[position_id][skill_id] = level
    levels = current_levels(people.values("pk"), [s.pk for s in skill_list])
    coverage = {s.pk: Coverage(skill=s) for s in skill_list}
    rows = []
    for person in person_list:
        profile = getattr(person, "person", None)
        position = profile.position if profile is not None else None
        needs = required.get(position.pk, {}) if position is not None else {}
        cells = []
        for skill in skill_list:
            cell = Cell(levels.get((person.pk, skill.pk)), needs.get(skill.pk))
            cells.append(cell)
            if (cell.level or 0) >= COVERED_AT:
                coverage[skill.pk].covered += 1
            if cell.gap:
                coverage[skill.pk].gaps += 1
        row = Row(person=person, position=position, cells=cells)
        if not gaps_only or row.gaps:
            rows.append(row)
    return Matrix(skills=skill_list, rows=rows, coverage=list(coverage.values()))


def person_profile_of(user: Any) -> Any:
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def skill_history(person: User) -> dict[Skill, list[SkillAssessment]]:
    """Each skill's assessments by others, oldest first (the chart's lines)."""
    found: dict[Skill, list[SkillAssessment]] = defaultdict(list)
    rows = (
        SkillAssessment.objects.counted()
        .filter(person=person)
        .select_related("skill", "assessed_by")
        .order_by("assessed_on", "created_at", "pk")
    )
    for row in rows:
        found[row.skill].append(row)
    return dict(found)


@dataclass
class TrainingSummary:
    planned_hours: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    items: int = 0
    completed: int = 0

    @property
    def completion(self) -> float | None:
        return self.completed / self.items if self.items else None


def training_summary(
    people: Iterable[int] | QuerySet[Any], start: date, end: date
) -> dict[int, TrainingSummary]:
    """Per person: hours planned and done, items planned and completed, for
    training items planned in [start, end] of approved or filed plans. Two
    queries."""
    found: dict[int, TrainingSummary] = defaultdict(TrainingSummary)
    planned = (
        TrainingItem.participants.through.objects.filter(
            user__in=people,
            trainingitem__planned_on__range=(start, end),
            trainingitem__plan__state__in=("approved", "filed"),
        )
        .values("user_id")
        .annotate(items=Count("pk"), hours=Sum("trainingitem__hours"))
    )
    for row in planned:
        summary = found[row["user_id"]]
        summary.items, summary.planned_hours = row["items"], row["hours"] or Decimal(0)
    done = (
        TrainingRecord.objects.filter(
            participant__in=people,
            item__planned_on__range=(start, end),
            item__plan__state__in=("approved", "filed"),
        )
        .values("participant_id")
        .annotate(
            hours=Sum("hours"),
            completed=Count("pk", filter=Q(completed_on__isnull=False)),
        )
    )
    for row in done:
        summary = found[row["participant_id"]]
        summary.hours, summary.completed = row["hours"] or Decimal(0), row["completed"]
    return dict(found)
