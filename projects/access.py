"""The one place that answers "may this user do this to this object".

Views, the API and admin all ask here:
- `visible_projects(user, qs)` / `visible(user, qs)`: what a user may read
  (everything else is a 404, so nothing leaks that it exists);
- `can(user, action, obj)`: may the user do `action` to `obj`, a Project or
  any project record (for "add", pass an unsaved instance with its project set).

Actions: "view", "add", "change", "delete", plus "approve" (approve a plan,
decide a change request), "review" (a document's review status) and
"submit" (send a change request for a decision). Global (not per-project)
questions: `can_create_project`, `can_edit_kpi_targets`, `is_full_reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL

from accounts import roles
from projects.models import Membership, Project

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    AnyUser = User | AnonymousUser

Role = Membership.Role
VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
APPROVE, REVIEW, SUBMIT = "approve", "review", "submit"
EDIT = frozenset({VIEW, ADD, CHANGE, DELETE})

# Records a customer representative may read (their projects' basic record,
# milestones, change requests, progress reports). Everything else is internal.
CUSTOMER_VISIBLE = {
    "projects.project",
    "projects.phase",
    "milestones.milestone",
    "changes.changerequest",
    "changes.milestonechange",
    "projects.document",  # only progress reports: see _customer_filter
}

# Who owns a record: owners may update what they own.
OWNER_FIELD = {
    "risks.riskresponse": "owner",
    "risks.issue": "owner",
    "reviews.actionitem": "owner",
    "reviews.meetingfeedback": "attendee",
    "reviews.teamcommunication": "rater",
    "changes.changerequest": "requested_by",
    "changes.milestonechange": "change_request__requested_by",
}

# What each project role may do beyond reading, per model label.
TEAM_ADDS = {
    "risks.issue": {ADD},
    "changes.changerequest": {ADD},
    "reviews.meetingfeedback": {ADD},
    "reviews.teamcommunication": {ADD},
}
ROLE_GRANTS: dict[str, dict[str, set[str]]] = {
    Role.FINANCE: {"projects.costentry": set(EDIT)},
    Role.RISK_OFFICER: {"risks.risk": set(EDIT), "risks.riskresponse": set(EDIT)},
    Role.QA: {"projects.document": {REVIEW}},
    Role.COORDINATOR: {
        "reviews.meeting": {ADD, CHANGE},
        "reviews.agendaitem": set(EDIT),
        "reviews.decision": set(EDIT),
        "reviews.actionitem": set(EDIT),
    },
}
CUSTOMER_GRANTS: dict[str, set[str]] = {
    "changes.changerequest": {ADD},
    "reviews.customersatisfaction": {ADD},
}
# What an owner may do to their own record (changes stay drafts until submitted:
# the services enforce the workflow state).
OWNER_GRANTS: dict[str, set[str]] = {
    "risks.riskresponse": {CHANGE},
    "risks.issue": {CHANGE},
    "reviews.actionitem": {CHANGE},
    "reviews.meetingfeedback": {CHANGE, DELETE},
    "reviews.teamcommunication": {CHANGE},
    "changes.changerequest": {CHANGE, SUBMIT},
    "changes.milestonechange": set(EDIT),
}


# A rating belongs to whoever gave it: not even the project manager may change
# how the team rated a meeting or (above all) the manager's own communication.
RATINGS = {"reviews.meetingfeedback", "reviews.teamcommunication"}


def _may_write_rating(user: AnyUser, action: str, obj: models.Model, role: str) -> bool:
    if role == Role.CUSTOMER_REP or not _is_owner(user, obj):
        return False
    if action == ADD:
        # Nobody rates their own communication.
        return not (label(obj) == "reviews.teamcommunication" and role == Role.MANAGER)
    return action in OWNER_GRANTS[label(obj)]


def label(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


def project_path(model: type[models.Model]) -> str:
    """Return the lookup from a model to its project ("" for Project itself)."""
    if model is Project:
        return ""
    return getattr(model, "project_path", "project")


# ---------------------------------------------------------------- global roles


def _groups(user: AnyUser) -> frozenset[str]:
    cached = getattr(user, "_milepost_groups", None)
    if cached is None:
        cached = (
            frozenset(user.groups.values_list("name", flat=True))
            if user.pk
            else frozenset()
        )
        user._milepost_groups = cached  # type: ignore[union-attr]
    return cached


def is_admin(user: AnyUser) -> bool:
    return bool(user.is_active and (user.is_superuser or roles.ADMIN in _groups(user)))


def is_director(user: AnyUser) -> bool:
    return bool(user.is_active and roles.DIRECTOR in _groups(user))


def is_full_reader(user: AnyUser) -> bool:
    """Admins and directors read every project."""
    return is_admin(user) or is_director(user)


def can_create_project(user: AnyUser) -> bool:
    return is_admin(user) or bool(
        user.is_active and roles.PROJECT_MANAGER in _groups(user)
    )


def can_edit_kpi_targets(user: AnyUser) -> bool:
    return is_admin(user) or is_director(user)


def can_see_dashboards(user: AnyUser) -> bool:
    return is_full_reader(user)


# ------------------------------------------------------------- project roles


def project_roles(user: AnyUser) -> dict[int, str]:
    """Return {project_id: role} for the user, memoised on the user object."""
    cached = getattr(user, "_milepost_roles", None)
    if cached is None:
        cached = {}
        if user.pk and user.is_active:
            cached = dict(
                Membership.objects.filter(user=user).values_list("project_id", "role")
            )
            for pk in Project.objects.filter(manager=user).values_list("pk", flat=True):
                cached[pk] = Role.MANAGER
        user._milepost_roles = cached  # type: ignore[union-attr]
    return cached


def forget(user: AnyUser) -> None:
    """Drop memoised roles (after memberships or groups change mid-request)."""
    for attr in ("_milepost_roles", "_milepost_groups"):
        if hasattr(user, attr):
            delattr(user, attr)


def role_in(user: AnyUser, project: Project) -> str | None:
    if project.manager_id == user.pk and user.pk is not None:
        return Role.MANAGER
    return project_roles(user).get(project.pk)


def project_of(obj: models.Model) -> Project:
    return obj if isinstance(obj, Project) else obj.project  # type: ignore[attr-defined,no-any-return]


def _is_owner(user: AnyUser, obj: models.Model) -> bool:
    path = OWNER_FIELD.get(label(obj))
    if path is None or user.pk is None:
        return False
    target: Any = obj
    *parents, last = path.split("__")
    for name in parents:
        target = getattr(target, name)
    return getattr(target, f"{last}_id", None) == user.pk


def can(user: AnyUser, action: str, obj: models.Model) -> bool:
    """Return True if user may do action to obj (a Project or a project record)."""
    if not user.is_active:
        return False
    if is_admin(user):
        return True
    if isinstance(obj, Project) and obj.pk is None:
        # Creating a project is a global right, not a role on a project.
        return action == ADD and can_create_project(user) and obj.manager_id == user.pk
    project = project_of(obj)
    model = label(obj)
    role = role_in(user, project)
    if action == VIEW:
        return is_director(user) or _role_may_view(role, obj)
    if role is None:
        return False
    if model in RATINGS:
        return _may_write_rating(user, action, obj, role)
    if role == Role.MANAGER:
        return True
    if role == Role.CUSTOMER_REP:
        allowed = CUSTOMER_GRANTS.get(model, set())
        if model == "changes.changerequest" and _is_owner(user, obj):
            allowed = allowed | OWNER_GRANTS[model]
        return action in allowed
    allowed = set(TEAM_ADDS.get(model, set())) | ROLE_GRANTS.get(role, {}).get(
        model, set()
    )
    if _is_owner(user, obj):
        allowed |= OWNER_GRANTS.get(model, set())
    return action in allowed


def _role_may_view(role: str | None, obj: models.Model) -> bool:
    if role is None:
        return False
    if role != Role.CUSTOMER_REP:
        return True
    model = label(obj)
    if model == "projects.document":
        return obj.kind == "progress_report"  # type: ignore[attr-defined]
    return model in CUSTOMER_VISIBLE


# ------------------------------------------------------------------ querysets


def _member_of(user: AnyUser, roles: list[str]) -> models.QuerySet[Any]:
    return Membership.objects.filter(user=user, role__in=roles).values("project_id")


def _team_roles() -> list[str]:
    return [r for r in Role.values if r != Role.CUSTOMER_REP]


def _on_team(user: AnyUser, path: str) -> Q:
    """Records whose project (at `path`) the user manages or is on the team of.

    Two uncorrelated `IN (subquery)` tests joined by OR: PostgreSQL builds each
    as a hash once, from an index scan of the user's own projects and
    memberships, and probes it per row. The cost follows the user's projects,
    never the company's size. (A single subquery holding the OR scanned every
    project each time; one holding a UNION was planned as a nested loop.)
    """
    managed = Project.objects.filter(manager=user).values("pk")
    return Q(**{f"{path}__in": managed}) | Q(
        **{f"{path}__in": _member_of(user, _team_roles())}
    )


def _seat_roles(model: type[models.Model]) -> list[str]:
    """The seats through which `visible` shows `model` records: team seats,
    and customer seats where customers may read them (not documents, whose
    customer rule depends on the document)."""
    if label(model) not in CUSTOMER_VISIBLE:
        return _team_roles()
    if label(model) == "projects.document":
        raise ValueError("documents have their own customer rule")
    return list(Role.values)


def seat_projects(
    user: AnyUser, records_of: type[models.Model]
) -> models.QuerySet[Any]:
    """Ids of the projects whose `records_of` records the user may read through
    a seat (on the team, or as a customer where customers may read them)
    without managing the project. With the projects the user manages, this is
    what `visible` lets a user who is not a full reader see: the per-manager
    tallies (projects/tallies.py) count the managed part in one row.
    """
    if not user.is_active or user.pk is None:
        return Membership.objects.none().values("project_id")
    return _member_of(user, _seat_roles(records_of)).filter(manages=False)


def visible_on_project_row[Q_: models.QuerySet[Any]](user: AnyUser, qs: Q_) -> Q_:
    """`visible(user, qs)` tested on the project row that `qs` joins (it must
    join projects_project under that name, say by ordering on a project
    field, and be run as it is, not nested in another query).

    The same records: a record's project is the joined row. But the test no
    longer names the records' own project ids, so PostgreSQL can walk the
    projects in an index order (their codes) and stop after a page, where
    the usual test makes it read every visible record first (issue 9).
    """
    if not user.is_active or user.pk is None:
        return qs.none()
    if is_full_reader(user):
        return qs
    seats = _member_of(user, _seat_roles(qs.model)).order_by()
    seats_sql, params = seats.query.sql_with_params()
    ops = connections[qs.db].ops
    row = ops.quote_name(Project._meta.db_table)
    test = RawSQL(  # noqa: S611 - table names only; values are parameters
        f"({row}.manager_id = %s OR {row}.id IN ({seats_sql}))",
        (user.pk, *params),
        output_field=models.BooleanField(),
    )
    return qs.filter(test)


def visible_projects(
    user: AnyUser, qs: models.QuerySet[Project]
) -> models.QuerySet[Project]:
    if not user.is_active or user.pk is None:
        return qs.none()
    if is_full_reader(user):
        return qs
    # Managed, or any seat on the team (customers' included).
    seats = Membership.objects.filter(user=user).values("project_id")
    return qs.filter(Q(manager=user) | Q(pk__in=seats))


def visible[Q_: models.QuerySet[Any]](
    user: AnyUser, qs: Q_, records_of: type[models.Model] | None = None
) -> Q_:
    """Filter a queryset of project records to those the user may read.

    With `records_of`, qs holds rows about a project (at `project_path`) and is
    filtered to the projects whose `records_of` records the user may read:
    the tallies that count them (projects/tallies.py).
    """
    model = records_of or qs.model
    if model is Project and records_of is None:
        return visible_projects(user, qs)  # type: ignore[arg-type,return-value]
    if not user.is_active or user.pk is None:
        return qs.none()
    if is_full_reader(user):
        return qs
    path = project_path(qs.model)
    condition = _on_team(user, path)
    model_label = label(model)
    if model_label in CUSTOMER_VISIBLE:
        customer = Q(**{f"{path}__in": _member_of(user, [Role.CUSTOMER_REP])})
        if model_label == "projects.document":
            if records_of is not None:
                raise ValueError("documents are not counted per project")
            customer &= Q(kind="progress_report")
        condition |= customer
    return qs.filter(condition)


# ---------------------------------------------------------------------- people


def visible_users[U: models.QuerySet[Any]](viewer: AnyUser, qs: U) -> U:
    """Filter a User queryset to the people `viewer` may look up.

    Admins see everyone (inactive accounts too). Staff (directors, project
    managers, members, anyone on a project team) see every active user: they
    staff projects and assign work. Customers see only the people on their
    own projects and themselves, so no staff directory leaks outside.
    """
    if not viewer.is_active or viewer.pk is None:
        return qs.none()
    if is_admin(viewer):
        return qs
    qs = qs.filter(is_active=True)
    internal = {roles.DIRECTOR, roles.PROJECT_MANAGER, roles.MEMBER}
    if _groups(viewer) & internal or any(
        role != Role.CUSTOMER_REP for role in project_roles(viewer).values()
    ):
        return qs
    projects = _member_of(viewer, [Role.CUSTOMER_REP])
    return qs.filter(
        Q(pk=viewer.pk)
        | Q(pk__in=Membership.objects.filter(project__in=projects).values("user_id"))
        | Q(pk__in=Project.objects.filter(pk__in=projects).values("manager_id"))
    )


# ------------------------------------------------------------------ KPI scopes


def can_view_kpi_scope(user: AnyUser, scope_type: str, scope_id: int | None) -> bool:
    """Directors and admins see every scorecard; a project manager their own
    manager scorecard; project team members (not customers) their projects'."""
    if not user.is_active or user.pk is None:
        return False
    if is_full_reader(user):
        return True
    if scope_type == "manager":
        return scope_id == user.pk
    if scope_type == "project" and scope_id is not None:
        return Project.objects.filter(_on_team(user, "pk"), pk=scope_id).exists()
    return False


def visible_kpi_snapshots[S: models.QuerySet[Any]](user: AnyUser, qs: S) -> S:
    """Filter KpiSnapshot rows to the scopes can_view_kpi_scope allows."""
    if not user.is_active or user.pk is None:
        return qs.none()
    if is_full_reader(user):
        return qs
    return qs.filter(
        Q(scope_type="manager", scope_id=user.pk)
        | Q(scope_type="project") & _on_team(user, "scope_id")
    )
