"""Triggers that keep projects_tally (projects.models.Tally) exact, and its backfill.

Each counted table gets an insert, a delete and an update trigger that append
one delta row per project they touch: +1 per record inserted, -1 per record
deleted, and -1/+1 for an update that moves a record to another project (or a
risk to another heat-map cell). Updates that move nothing append nothing.
On PostgreSQL the triggers run once per statement over its transition tables
(a bulk insert of 1,000 rows appends one row per project, not 1,000); SQLite
has row triggers only. The SQL is frozen here, as a migration's must be.
"""

from django.db import migrations

LEVELS = range(1, 6)


def _risk_cells(row):
    return {
        f"risks_{p}_{i}": f"{row}.probability = {p} AND {row}.impact = {i}"
        for p in LEVELS
        for i in LEVELS
    }


# table: ({tally column: condition on a row aliased ROW}, columns whose change moves a count)
COUNTED = {
    "risks_risk": (_risk_cells("ROW"), ("project_id", "probability", "impact")),
    "milestones_milestone": ({"milestones": "TRUE"}, ("project_id",)),
    "risks_issue": ({"issues": "TRUE"}, ("project_id",)),
    "changes_changerequest": ({"change_requests": "TRUE"}, ("project_id",)),
    "reviews_meeting": ({"meetings": "TRUE"}, ("project_id",)),
}


def _sums(columns, row):
    return ", ".join(
        f"SUM(CASE WHEN {cond.replace('ROW', row)} THEN {row}.d ELSE 0 END)"
        for cond in columns.values()
    )


def _postgresql(table, columns, tracked):
    names = ", ".join(columns)
    insert = f"INSERT INTO projects_tally (project_id, {names}) SELECT s.project_id, {_sums(columns, 's')} FROM ({{rows}}) s GROUP BY s.project_id"
    moved = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in tracked)
    both = f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {moved}"
    events = {
        "ins": ("INSERT", "NEW TABLE AS new_rows", "SELECT n.*, 1 AS d FROM new_rows n"),
        "del": ("DELETE", "OLD TABLE AS old_rows", "SELECT o.*, -1 AS d FROM old_rows o"),
        "upd": (
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            f"SELECT o.*, -1 AS d {both} UNION ALL SELECT n.*, 1 AS d {both}",
        ),
    }
    sql = []
    for suffix, (event, referencing, rows) in events.items():
        name = f"tally_{table}_{suffix}"
        sql.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {insert.format(rows=rows)}; RETURN NULL; END $$"
        )
        sql.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return sql


def _sqlite(table, columns, tracked):
    names = ", ".join(columns)

    def values(row, sign):
        cells = ", ".join(
            f"({cond.replace('ROW', row)}) * {sign}" for cond in columns.values()
        )
        return f"INSERT INTO projects_tally (project_id, {names}) VALUES ({row}.project_id, {cells});"

    moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in tracked)
    return [
        f"CREATE TRIGGER tally_{table}_ins AFTER INSERT ON {table} BEGIN {values('NEW', 1)} END",
        f"CREATE TRIGGER tally_{table}_del AFTER DELETE ON {table} BEGIN {values('OLD', -1)} END",
        f"CREATE TRIGGER tally_{table}_upd AFTER UPDATE OF {', '.join(tracked)} ON {table} "
        f"WHEN {moved} BEGIN {values('OLD', -1)} {values('NEW', 1)} END",
    ]


def _backfill(table, columns):
    names = ", ".join(columns)
    sums = ", ".join(
        f"SUM(CASE WHEN {cond.replace('ROW', table)} THEN 1 ELSE 0 END)"
        for cond in columns.values()
    )
    return f"INSERT INTO projects_tally (project_id, {names}) SELECT project_id, {sums} FROM {table} GROUP BY project_id"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    build = {"postgresql": _postgresql, "sqlite": _sqlite}[vendor]
    for table, (columns, tracked) in COUNTED.items():
        for sql in build(table, columns, tracked):
            schema_editor.execute(sql)
        schema_editor.execute(_backfill(table, columns))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in COUNTED:
        for suffix in ("ins", "del", "upd"):
            name = f"tally_{table}_{suffix}"
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute("DELETE FROM projects_tally")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_record_tallies"),
        ("risks", "0004_heat_map_index"),
        ("milestones", "0001_initial"),
        ("changes", "0002_list_order_indexes"),
        ("reviews", "0003_reminder_schedule"),
    ]

    operations = [migrations.RunPython(create, drop)]
