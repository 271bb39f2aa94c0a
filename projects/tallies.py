# ruff: noqa: S608 - SQL built from model table and column names; ids are ints
"""Exact record counts read from projects_tally (projects.models.Tally).

Counting every risk a user may see costs a pass over all of them (66,680 for
a portfolio manager at 10,000 projects); summing the tallies of the projects
the user may see costs a pass over those projects. The triggers of migration
projects 0005 keep the tallies in the writers' own transactions, so the sum is
the exact count the same snapshot would give, and it is used only where the
count is of every visible record (no filter), per project or across projects.

`compact()` folds each project's delta rows into one (the nightly KPI task,
`seed_demo` and `manage.py tallies --compact` call it); `check()` compares
every project's tally with a real count (`manage.py tallies --check`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Count, Sum

from projects import access
from projects.models import RISK_LEVELS, Project, Tally, risk_cell

if TYPE_CHECKING:
    from projects.access import AnyUser

RISK_CELLS = {(p, i): risk_cell(p, i) for p in RISK_LEVELS for i in RISK_LEVELS}
# Model label -> the Tally columns whose sum is its count.
COLUMNS: dict[str, tuple[str, ...]] = {
    "risks.risk": tuple(RISK_CELLS.values()),
    "milestones.milestone": ("milestones",),
    "risks.issue": ("issues",),
    "changes.changerequest": ("change_requests",),
    "reviews.meeting": ("meetings",),
}
# Query parameters that page or sort a list without changing what it counts.
NOT_FILTERS = frozenset({"page", "page_size", "o", "ordering", "format"})


def unfiltered(params: Mapping[str, Any]) -> bool:
    """True if a list's query string narrows nothing (only pages or sorts)."""
    return not any(value for key, value in params.items() if key not in NOT_FILTERS)


def _rows(
    user: AnyUser, model: type[models.Model], project: Project | None
) -> models.QuerySet[Tally]:
    rows = access.visible(user, Tally.objects.all(), records_of=model)
    if project is not None:
        return rows.filter(project=project)
    if access.is_full_reader(user):
        # Every project: the rows of projects deleted since the last
        # compaction sum to zero, but need not be read at all.
        rows = rows.filter(project__in=Project.objects.values("pk"))
    return rows


def count(
    user: AnyUser, model: type[models.Model], project: Project | None = None
) -> int:
    """How many `model` records the user may see (in `project`, if given)."""
    columns = COLUMNS[model._meta.label_lower]
    total = _rows(user, model, project).aggregate(
        n=Sum(sum((models.F(c) for c in columns[1:]), models.F(columns[0])))
    )["n"]
    return int(total or 0)


def heat_map(
    user: AnyUser, project: Project | None = None
) -> dict[tuple[int, int], int]:
    """{(probability, impact): count} of the risks the user may see, as
    risks.selectors.heat_map_counts gives for an unfiltered register."""
    model = apps.get_model("risks", "Risk")
    sums = _rows(user, model, project).aggregate(
        **{column: Sum(column) for column in RISK_CELLS.values()}
    )
    return {
        cell: int(sums[column]) for cell, column in RISK_CELLS.items() if sums[column]
    }


# ------------------------------------------------------------------ upkeep


def _all_columns() -> list[str]:
    return [c for columns in COLUMNS.values() for c in columns]


@transaction.atomic
def compact() -> int:
    """Fold each project's tally rows into one; return how many rows are left.

    Rows of projects that no longer exist (they sum to zero) are dropped. On
    PostgreSQL one statement deletes and re-inserts under one snapshot, so
    rows that concurrent writers have not committed yet are left alone, and
    two compactions at once cannot count a row twice (the second skips what
    the first deleted). SQLite has one writer at a time.
    """
    columns = _all_columns()
    names = ", ".join(columns)
    sums = ", ".join(f"SUM({c})" for c in columns)
    nonzero = " OR ".join(f"SUM({c}) <> 0" for c in columns)
    table = Tally._meta.db_table
    project = Project._meta.db_table
    folded = (
        f"SELECT project_id, {sums} FROM gone "
        f"WHERE project_id IN (SELECT id FROM {project}) "
        f"GROUP BY project_id HAVING {nonzero}"
    )
    # Only projects with more than one row, or with no project left, change.
    loose = (
        f"SELECT project_id FROM {table} GROUP BY project_id HAVING COUNT(*) > 1 "
        f"UNION SELECT project_id FROM {table} "
        f"WHERE project_id NOT IN (SELECT id FROM {project})"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH gone AS (DELETE FROM {table} WHERE project_id IN ({loose}) "
                f"RETURNING project_id, {names}) "
                f"INSERT INTO {table} (project_id, {names}) {folded}"
            )
        else:
            # The rows there are now (the folded ones come after them).
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            (last,) = cursor.fetchone()
            where = f"id <= %s AND project_id IN ({loose})"
            gone = f"(SELECT * FROM {table} WHERE {where}) AS gone"
            cursor.execute(
                f"INSERT INTO {table} (project_id, {names}) "
                + folded.replace("FROM gone", f"FROM {gone}", 1),
                [last],
            )
            cursor.execute(f"DELETE FROM {table} WHERE {where}", [last])
    return Tally.objects.count()


def actual(projects: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """{project_id: {column: n}} counted from the records themselves."""
    out: dict[int, dict[str, int]] = {}
    for label, columns in COLUMNS.items():
        model = apps.get_model(label)
        rows = model.objects.order_by()
        if projects is not None:
            rows = rows.filter(project__in=list(projects))
        if label == "risks.risk":
            grouped = rows.values("project_id", "probability", "impact")
            for row in grouped.annotate(n=Count("pk")):
                column = RISK_CELLS[(row["probability"], row["impact"])]
                out.setdefault(row["project_id"], {})[column] = row["n"]
        else:
            for row in rows.values("project_id").annotate(n=Count("pk")):
                out.setdefault(row["project_id"], {})[columns[0]] = row["n"]
    return out


def tallied(projects: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """{project_id: {column: n}} summed from the tallies (zeros left out)."""
    columns = _all_columns()
    rows = Tally.objects.filter(project__in=Project.objects.values("pk"))
    if projects is not None:
        rows = rows.filter(project__in=list(projects))
    out: dict[int, dict[str, int]] = {}
    sums = rows.values("project_id").annotate(**{f"s_{c}": Sum(c) for c in columns})
    for row in sums:
        values = {c: row[f"s_{c}"] for c in columns if row[f"s_{c}"]}
        if values:
            out[row["project_id"]] = values
    return out


def check() -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    """Projects whose tally differs from a real count: {id: (tally, actual)}."""
    counted, kept = actual(), tallied()
    return {
        pk: (kept.get(pk, {}), counted.get(pk, {}))
        for pk in counted.keys() | kept.keys()
        if kept.get(pk, {}) != counted.get(pk, {})
    }


def rebuild() -> int:
    """Replace every tally with a real count (after a restore, say)."""
    columns = _all_columns()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for the delete and the counts: a record committed
            # in between is either in both or in neither. (Inside a caller's
            # transaction, the caller's isolation level applies.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        Tally.objects.all().delete()
        Tally.objects.bulk_create(
            Tally(project_id=pk, **{c: values.get(c, 0) for c in columns})
            for pk, values in actual().items()
        )
    return Tally.objects.count()


__all__ = [
    "COLUMNS",
    "check",
    "compact",
    "count",
    "heat_map",
    "rebuild",
    "unfiltered",
]
