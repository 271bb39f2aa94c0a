"""The technical director's team page (DESIGN §7): headcount by position,
open positions and their age, training hours and completion per person
this period, skill coverage and gaps, appraisal progress of the current
cycle, technical reviews awaiting decision and standards due for review —
each figure links to the records behind it. Scoped to the people the reader
may see; a fixed number of queries whatever the team's size."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from teams import selectors
from teams.engineering_filters import due_for_review
from teams.models import (
    Appraisal,
    AppraisalCycle,
    PositionRequest,
    Skill,
    TechnicalReview,
    TechStandard,
)
from teams.views.engineering import show_projects
from teams.views.skills import reads_team_pages

# People listed on the page's training table (the rest: the matrix).
TRAINING_ROWS = 50
# Open positions listed (the oldest first); the card counts them all.
OPEN_POSITION_ROWS = 20


def _period(today: date) -> tuple[date, date]:
    """This period: the calendar year so far and to come."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not reads_team_pages(user):
        raise Http404
    today = timezone.localdate()
    people = selectors.matrix_people(user)
    headcount = list(
        people.values("person__position", "person__position__title")
        .annotate(n=Count("pk"))
        .order_by("-n", "person__position__title")
    )
    opened = PositionRequest.objects.visible_to(user).filter(state=PositionRequest.OPEN)
    open_positions = list(
        opened.select_related("position", "department").order_by("opened_at", "pk")[
            :OPEN_POSITION_ROWS
        ]
    )
    start, end = _period(today)
    team = list(people.order_by("last_name", "first_name", "username")[:TRAINING_ROWS])
    summary = selectors.training_summary([p.pk for p in team], start, end)
    training = [(person, summary.get(person.pk)) for person in team]
    grid = selectors.skills_matrix(
        user, people=people, skills=Skill.objects.visible_to(user)
    )
    coverage = sorted(grid.coverage, key=lambda c: (c.covered, -c.gaps))[:12]
    cycle = (
        AppraisalCycle.objects.filter(
            status=AppraisalCycle.Status.OPEN,
            appraisals__in=Appraisal.objects.visible_to(user),
        )
        .distinct()
        .order_by("-period_end", "-pk")
        .first()
    )
    progress: list[tuple[str, Any, int]] = []
    total = 0
    if cycle is not None:
        # Only the appraisals the reader sees count (their line's).
        seen = (
            Appraisal.objects.visible_to(user)
            .filter(cycle=cycle)
            .order_by()
            .values("stage")
            .annotate(n=Count("pk"))
        )
        counts = {row["stage"]: row["n"] for row in seen}
        total = sum(counts.values())
        progress = [
            (stage, label, counts.get(stage, 0))
            for stage, label in Appraisal.Stage.choices
        ]
    reviews = TechnicalReview.objects.visible_to(user).awaiting_decision()
    waiting = list(reviews.select_related("author", "project")[:5])
    show_projects(user, waiting)
    standards = due_for_review(TechStandard.objects.visible_to(user))
    return render(
        request,
        "teams/team_page.html",
        {
            "headcount": headcount,
            "headcount_total": sum(row["n"] for row in headcount),
            "open_positions": open_positions,
            # The card counts them all; the table lists the oldest.
            "open_positions_total": opened.count(),
            "training": training,
            "period": (start, end),
            "training_hours": sum((s.hours for _p, s in training if s), Decimal(0)),
            "coverage": coverage,
            "gap_total": sum(c.gaps for c in grid.coverage),
            "single_points": sum(1 for c in grid.coverage if c.single_point),
            "cycle": cycle,
            "progress": progress,
            "progress_total": total,
            "closed": {s: n for s, _l, n in progress}.get("closed", 0),
            "reviews_waiting": reviews.count(),
            "reviews": waiting,
            "standards_due": standards.count(),
            "standards": list(standards.order_by("next_review_on")[:5]),
            "today": today,
        },
    )
