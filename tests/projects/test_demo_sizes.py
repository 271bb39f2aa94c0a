"""seed_demo at bench sizes: the company grows with its projects (issue 26).

Beyond the small demo the work is owned and logged by generated engineers,
one per four projects, and nobody sits on every project; the first projects
keep the demo's people, so the small demo stays as it was.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.models import User
from milestones.models import Task, WorkLog
from projects.demo import PROJECTS_PER_ENGINEER, SMALL_DEMO
from projects.models import Membership, Project

pytestmark = pytest.mark.django_db


def test_bench_sizes_scale_the_team_with_the_projects():
    count = SMALL_DEMO + 10
    call_command("seed_demo", "--projects", str(count), "--no-kpis", verbosity=0)

    engineers = User.objects.filter(username__startswith="eng-")
    assert engineers.count() == count // PROJECTS_PER_ENGINEER
    assert all(u.groups.filter(name="Member").exists() for u in engineers[:3])
    # Managers own no tasks at bench sizes; engineers own them all.
    managers = set(Project.objects.values_list("manager_id", flat=True))
    owners = set(Task.objects.values_list("owner_id", flat=True))
    assert owners and not owners & managers
    assert set(WorkLog.objects.values_list("user_id", flat=True)) <= owners
    # The demo's finance, risk and QA people sit on the first projects only.
    fiona = Membership.objects.filter(user__username="fiona", role="finance")
    assert fiona.count() == SMALL_DEMO
    # Every project still has its manager, two members and the three seats.
    seats = Counter(
        Membership.objects.values("project")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert sum(seats.values()) == count
    assert min(seats) >= 6
