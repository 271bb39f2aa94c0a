# ruff: noqa: S608 - SQL built from model table and column names; ids are ints
"""Exact record counts read from projects_tally (projects.models.Tally).

Counting every risk a user may see costs a pass over all of them (66,680 for
a portfolio manager at 10,000 projects); summing the tallies of the projects
the user may see costs a pass over those projects. The triggers of migration
projects 0005 keep the tallies in the writers' own transactions, so the sum is
the exact count the same snapshot would give, and it is used only where the
count is of every visible record (no filter), per project or across projects.

Across projects, the per-manager rollup (projects.models.ManagerTally, kept
by the triggers of migration projects 0009) stands for every project a user
manages, so a manager's count reads a few rows whatever the number of their
projects, and a full reader's the rollup of every manager.

`compact()` folds each project's and each manager's delta rows into one (the
hourly task, `seed_demo` and `manage.py tallies --compact` call it);
`check()` and `check_managers()` compare the tallies and the rollups with a
real count (`manage.py tallies --check`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Count, Sum, Value

from projects import access
from projects.models import RISK_LEVELS, ManagerTally, Project, Tally, risk_cell

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


def _aggregate(rows: models.QuerySet[Any], columns: tuple[str, ...]) -> list[int]:
    sums = rows.aggregate(**{c: Sum(c) for c in columns})
    return [int(sums[c] or 0) for c in columns]


def _sums(
    user: AnyUser,
    model: type[models.Model],
    project: Project | None,
    columns: tuple[str, ...],
) -> list[int]:
    """The sums of `columns` over the tallies of the `model` records the user
    may see (in `project`, if given), in one query.

    Across projects a full reader sums the per-manager rollup (a few rows per
    manager); anyone else sums their own rollup row(s) plus the tallies of the
    projects where they hold a seat but are not the manager. Neither reads a
    row per project the user manages.
    """
    if project is not None or not user.is_active or user.pk is None:
        rows = access.visible(user, Tally.objects.all(), records_of=model)
        if project is not None:
            rows = rows.filter(project=project)
        return _aggregate(rows, columns)
    if access.is_full_reader(user):
        return _aggregate(ManagerTally.objects.all(), columns)
    managed = ManagerTally.objects.filter(manager=user).values(*columns)
    seats: models.QuerySet[Any] = access.seat_projects(user, records_of=model)
    if model is Project:
        # One row per seat on a project the user does not manage.
        others = seats.order_by().annotate(n=Value(1)).values("n")
    else:
        others = Tally.objects.filter(project__in=seats).values(*columns)
    sql, params = managed.union(others, all=True).query.sql_with_params()
    quote = connection.ops.quote_name
    sums = ", ".join(f"SUM(u.{quote(c)})" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sums} FROM ({sql}) u", params)
        row = cursor.fetchone()
    return [int(value or 0) for value in row]


def count(
    user: AnyUser, model: type[models.Model], project: Project | None = None
) -> int:
    """How many `model` records the user may see (in `project`, if given);
    for Project, how many projects (across projects only)."""
    if model is Project:
        if project is not None:
            raise ValueError("a project is not counted within a project")
        return _sums(user, model, None, ("projects",))[0]
    return sum(_sums(user, model, project, COLUMNS[model._meta.label_lower]))


def heat_map(
    user: AnyUser, project: Project | None = None
) -> dict[tuple[int, int], int]:
    """{(probability, impact): count} of the risks the user may see, as
    risks.selectors.heat_map_counts gives for an unfiltered register."""
    model = apps.get_model("risks", "Risk")
    cells = tuple(RISK_CELLS.items())
    sums = _sums(user, model, project, tuple(column for _cell, column in cells))
    return {cell: n for (cell, _column), n in zip(cells, sums, strict=True) if n}


# ------------------------------------------------------------------ upkeep


def _all_columns() -> list[str]:
    return [c for columns in COLUMNS.values() for c in columns]


def _fold(
    table: str, key: str, columns: list[str], loose: str, keep: str, mark: str
) -> None:
    """Replace the rows of the `loose` keys of `table` by one row per key
    holding the sums of `columns` (`keep`: which keys survive; `mark`: the
    folded column's value, or "" for a table without one)."""
    names = ", ".join(columns)
    sums = ", ".join(f"SUM({c})" for c in columns)
    nonzero = " OR ".join(f"SUM({c}) <> 0" for c in columns)
    into = f"{key}, folded, {names}" if mark else f"{key}, {names}"
    folded = (
        f"SELECT {key}, {mark + ', ' if mark else ''}{sums} FROM gone "
        f"WHERE {keep} GROUP BY {key} HAVING {nonzero}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH gone AS (DELETE FROM {table} WHERE {key} IN ({loose}) "
                f"RETURNING {key}, {names}) "
                f"INSERT INTO {table} ({into}) {folded}"
            )
        else:
            # The rows there are now (the folded ones come after them).
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            (last,) = cursor.fetchone()
            where = f"id <= %s AND {key} IN ({loose})"
            gone = f"(SELECT * FROM {table} WHERE {where}) AS gone"
            cursor.execute(
                f"INSERT INTO {table} ({into}) "
                + folded.replace("FROM gone", f"FROM {gone}", 1),
                [last],
            )
            cursor.execute(f"DELETE FROM {table} WHERE {where}", [last])


@transaction.atomic
def compact() -> int:
    """Fold each project's tally rows into one, and each manager's rollup rows
    into one; return how many project tally rows are left.

    Rows of projects that no longer exist (they sum to zero) are dropped, and
    so are rollups that sum to zero. On PostgreSQL one statement deletes and
    re-inserts under one snapshot, so rows that concurrent writers have not
    committed yet are left alone, and two compactions at once cannot count a
    row twice (the second skips what the first deleted). SQLite has one
    writer at a time. The folded project rows are marked `folded`: their
    counts are in the managers' rollup already.
    """
    table = Tally._meta.db_table
    project = Project._meta.db_table
    # Only projects with more than one row, or with no project left, change.
    _fold(
        table,
        "project_id",
        _all_columns(),
        loose=(
            f"SELECT project_id FROM {table} GROUP BY project_id "
            f"HAVING COUNT(*) > 1 UNION SELECT project_id FROM {table} "
            f"WHERE project_id NOT IN (SELECT id FROM {project})"
        ),
        keep=f"project_id IN (SELECT id FROM {project})",
        mark="TRUE",
    )
    rollup = ManagerTally._meta.db_table
    _fold(
        rollup,
        "manager_id",
        ["projects", *_all_columns()],
        loose=(
            f"SELECT manager_id FROM {rollup} GROUP BY manager_id HAVING COUNT(*) > 1"
        ),
        keep="TRUE",
        mark="",
    )
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


def _differ(
    kept: dict[int, dict[str, int]], counted: dict[int, dict[str, int]]
) -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    return {
        pk: (kept.get(pk, {}), counted.get(pk, {}))
        for pk in counted.keys() | kept.keys()
        if kept.get(pk, {}) != counted.get(pk, {})
    }


def check() -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    """Projects whose tally differs from a real count: {id: (tally, actual)}."""
    return _differ(tallied(), actual())


def check_managers() -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    """Managers whose rollup differs from a real count of the projects they
    manage and of those projects' records: {user id: (rollup, actual)}."""
    columns = ["projects", *_all_columns()]
    counted: dict[int, dict[str, int]] = {}
    managers = dict(Project.objects.values_list("pk", "manager_id"))
    for manager in managers.values():
        into = counted.setdefault(manager, {})
        into["projects"] = into.get("projects", 0) + 1
    for pk, values in actual().items():
        into = counted.setdefault(managers[pk], {})
        for column, n in values.items():
            into[column] = into.get(column, 0) + n
    kept: dict[int, dict[str, int]] = {}
    rows = ManagerTally.objects.values("manager_id")
    for row in rows.annotate(**{f"s_{c}": Sum(c) for c in columns}):
        values = {c: row[f"s_{c}"] for c in columns if row[f"s_{c}"]}
        if values:
            kept[row["manager_id"]] = values
    return _differ(kept, counted)


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
            Tally(project_id=pk, folded=True, **{c: values.get(c, 0) for c in columns})
            for pk, values in actual().items()
        )
        # The folded rows add nothing to the rollup: it is rebuilt from them.
        ManagerTally.objects.all().delete()
        names = ", ".join(columns)
        sums = ", ".join(f"SUM(t.{c})" for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {ManagerTally._meta.db_table} (manager_id, {names}) "
                f"SELECT p.manager_id, {sums} FROM {Tally._meta.db_table} t "
                f"JOIN {Project._meta.db_table} p ON p.id = t.project_id "
                "GROUP BY p.manager_id"
            )
            cursor.execute(
                f"INSERT INTO {ManagerTally._meta.db_table} (manager_id, projects) "
                f"SELECT manager_id, COUNT(*) FROM {Project._meta.db_table} "
                "GROUP BY manager_id"
            )
    return Tally.objects.count()


__all__ = [
    "COLUMNS",
    "check",
    "check_managers",
    "compact",
    "count",
    "heat_map",
    "rebuild",
    "unfiltered",
]
