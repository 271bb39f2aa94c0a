"""Record tallies rolled up per project manager (projects.models.ManagerTally).

Triggers keep projects_managertally equal to the sum of the tallies of the
projects each user manages, and to the number of those projects:

- a Tally delta row (not `folded`: compaction and rebuild restate counts that
  are already rolled up) is added to its project's manager;
- a change of a project's manager moves the project's whole tally from the
  old manager to the new one. On PostgreSQL it first takes a SHARE lock on
  projects_tally, so it waits for writers that are adding to the old manager
  and then sums their committed rows (read committed: a new snapshot per
  statement); writers that come later wait for it and read the new manager.
  Only a change of manager waits; record writers still never wait for each
  other;
- a deleted project takes what is left of its tally off its manager (zero
  when its records went first, as Django deletes them; all of it if a
  project row goes first, whose records then find no manager to add to);
- projects_membership.manages says whether the seat's user manages the
  project (set on every write of a membership, under a share lock on the
  project row, and by a change of manager): counts add the tallies of the
  other seats only, through a partial index.

On PostgreSQL the triggers run once per statement over transition tables;
SQLite has row triggers and one writer. The SQL is frozen here, as a
migration's must be.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

LEVELS = range(1, 6)
COLUMNS = [
    "milestones",
    "issues",
    "change_requests",
    "meetings",
    *(f"risks_{p}_{i}" for p in LEVELS for i in LEVELS),
]
NAMES = ", ".join(COLUMNS)


def _sums(row, sign=""):
    return ", ".join(f"{sign}SUM({row}.{c})" for c in COLUMNS)


def _insert(select):
    return f"INSERT INTO projects_managertally (manager_id, {NAMES}) {select}"


# Old and new manager of each project whose manager a statement changed.
MOVED = (
    "SELECT o.id, o.manager_id, -1 AS d FROM old_rows o JOIN new_rows n "
    "ON n.id = o.id WHERE n.manager_id <> o.manager_id UNION ALL "
    "SELECT n.id, n.manager_id, 1 AS d FROM old_rows o JOIN new_rows n "
    "ON n.id = o.id WHERE n.manager_id <> o.manager_id"
)
# +1/-1 per project for its manager (ManagerTally.projects).
MOVED_PROJECTS = (
    "INSERT INTO projects_managertally (manager_id, projects) "
    f"SELECT m.manager_id, SUM(m.d) FROM ({MOVED}) m GROUP BY m.manager_id;"
)
POSTGRESQL = {
    # name: (table, event, transition tables, body)
    "tally_manager_new": (
        "projects_project",
        "INSERT",
        "NEW TABLE AS new_rows",
        "INSERT INTO projects_managertally (manager_id, projects) "
        "SELECT manager_id, COUNT(*) FROM new_rows GROUP BY manager_id;",
    ),
    "tally_rollup": (
        "projects_tally",
        "INSERT",
        "NEW TABLE AS new_rows",
        _insert(
            f"SELECT p.manager_id, {_sums('n')} FROM new_rows n "
            "JOIN projects_project p ON p.id = n.project_id "
            "WHERE NOT n.folded GROUP BY p.manager_id"
        )
        + ";",
    ),
    "tally_manager_moved": (
        "projects_project",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id "
        "WHERE n.manager_id <> o.manager_id) THEN "
        "LOCK TABLE projects_tally IN SHARE MODE; "
        + _insert(
            ", ".join(["SELECT m.manager_id"] + [f"SUM(m.d * t.{c})" for c in COLUMNS])
            + f" FROM ({MOVED}) m JOIN projects_tally t ON t.project_id = m.id "
            "GROUP BY m.manager_id"
        )
        + "; "
        + MOVED_PROJECTS
        + " UPDATE projects_membership s SET manages = (s.user_id = n.manager_id) "
        "FROM old_rows o JOIN new_rows n ON n.id = o.id "
        "WHERE n.manager_id <> o.manager_id AND s.project_id = n.id; END IF;",
    ),
    "tally_manager_gone": (
        "projects_project",
        "DELETE",
        "OLD TABLE AS old_rows",
        _insert(
            f"SELECT o.manager_id, {_sums('t', '-')} FROM old_rows o "
            "JOIN projects_tally t ON t.project_id = o.id GROUP BY o.manager_id"
        )
        + "; INSERT INTO projects_managertally (manager_id, projects) "
        "SELECT manager_id, -COUNT(*) FROM old_rows GROUP BY manager_id;",
    ),
}


# Whether a membership's user manages its project (projects.Membership.manages).
MANAGES_PG = (
    "CREATE FUNCTION membership_manages() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE manager bigint; BEGIN "
    "SELECT manager_id INTO manager FROM projects_project "
    "WHERE id = NEW.project_id FOR SHARE; "
    "NEW.manages := manager IS NOT DISTINCT FROM NEW.user_id; RETURN NEW; END $$",
    "CREATE TRIGGER membership_manages BEFORE INSERT OR UPDATE ON projects_membership "
    "FOR EACH ROW EXECUTE FUNCTION membership_manages()",
)
MANAGES_SQLITE = (
    "UPDATE projects_membership SET manages = IFNULL((SELECT p.manager_id = "
    "NEW.user_id FROM projects_project p WHERE p.id = NEW.project_id), FALSE) "
    "WHERE id = NEW.id"
)
BACKFILL_PROJECTS = (
    "INSERT INTO projects_managertally (manager_id, projects) "
    "SELECT manager_id, COUNT(*) FROM projects_project GROUP BY manager_id"
)
BACKFILL_MANAGES = (
    "UPDATE projects_membership SET manages = (user_id = (SELECT p.manager_id "
    "FROM projects_project p WHERE p.id = projects_membership.project_id))"
)


def _sqlite_sum(manager, project, sign=""):
    return _insert(
        f"SELECT {manager}, {_sums('t', sign)} FROM projects_tally t "
        f"WHERE t.project_id = {project} GROUP BY t.project_id"
    )


PROJECT_ONE = "INSERT INTO projects_managertally (manager_id, projects) VALUES "
SQLITE = {
    "tally_manager_new": (
        "AFTER INSERT ON projects_project",
        f"{PROJECT_ONE}(NEW.manager_id, 1)",
    ),
    "tally_rollup": (
        "AFTER INSERT ON projects_tally WHEN NOT NEW.folded",
        _insert(
            f"SELECT p.manager_id, {', '.join(f'NEW.{c}' for c in COLUMNS)} "
            "FROM projects_project p WHERE p.id = NEW.project_id"
        ),
    ),
    "tally_manager_moved": (
        "AFTER UPDATE OF manager_id ON projects_project "
        "WHEN OLD.manager_id IS NOT NEW.manager_id",
        _sqlite_sum("OLD.manager_id", "OLD.id", "-")
        + "; "
        + _sqlite_sum("NEW.manager_id", "NEW.id")
        + f"; {PROJECT_ONE}(OLD.manager_id, -1), (NEW.manager_id, 1)"
        + "; UPDATE projects_membership SET manages = (user_id = NEW.manager_id) "
        "WHERE project_id = NEW.id",
    ),
    "tally_manager_gone": (
        "AFTER DELETE ON projects_project",
        _sqlite_sum("OLD.manager_id", "OLD.id", "-")
        + f"; {PROJECT_ONE}(OLD.manager_id, -1)",
    ),
    "membership_manages_ins": ("AFTER INSERT ON projects_membership", MANAGES_SQLITE),
    "membership_manages_upd": ("AFTER UPDATE ON projects_membership", MANAGES_SQLITE),
}

BACKFILL = _insert(
    f"SELECT p.manager_id, {_sums('t')} FROM projects_tally t "
    "JOIN projects_project p ON p.id = t.project_id GROUP BY p.manager_id"
)


def create(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, event, referencing, body) in POSTGRESQL.items():
            run(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body} RETURN NULL; END $$"
            )
            run(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {name}()"
            )
        for sql in MANAGES_PG:
            run(sql)
    else:
        for name, (when, body) in SQLITE.items():
            run(f"CREATE TRIGGER {name} {when} BEGIN {body}; END")
    run(BACKFILL)
    run(BACKFILL_PROJECTS)
    run(BACKFILL_MANAGES)


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, *_rest) in POSTGRESQL.items():
            run(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            run(f"DROP FUNCTION IF EXISTS {name}()")
        run("DROP TRIGGER IF EXISTS membership_manages ON projects_membership")
        run("DROP FUNCTION IF EXISTS membership_manages()")
    else:
        for name in SQLITE:
            run(f"DROP TRIGGER IF EXISTS {name}")


def _count_columns():
    return [(c, models.IntegerField(db_default=0)) for c in COLUMNS]


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_project_list_order_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Added by hand: on SQLite, Django would rebuild projects_tally for it,
        # and the rename at the end of a rebuild fails while the triggers of
        # migration 0005 refer to the table.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="tally",
                    name="folded",
                    field=models.BooleanField(db_default=False),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE projects_tally "
                    "ADD COLUMN folded boolean DEFAULT false NOT NULL",
                    "ALTER TABLE projects_tally DROP COLUMN folded",
                ),
            ],
        ),
        migrations.CreateModel(
            name="ManagerTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("projects", models.IntegerField(db_default=0)),
                *_count_columns(),
                (
                    "manager",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "manager record tally",
                "verbose_name_plural": "manager record tallies",
            },
        ),
        migrations.AddField(
            model_name="membership",
            name="manages",
            field=models.BooleanField(db_default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                condition=models.Q(("manages", False)),
                fields=["user", "role"],
                include=("project",),
                name="membership_seat_unmanaged",
            ),
        ),
        migrations.RunPython(create, drop),
    ]
