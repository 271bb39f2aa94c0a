"""The one place that answers "may this user do this to this object".

Views, the API and admin all ask here, through:
- `can(user, action, obj)` and `require(user, action, obj)`: may the user do
  `action` to `obj`, a Project or any project record (for "add", an unsaved
  instance with its parent set). `require` raises 404 when the user may not
  even see the object and 403 when they see it but may not do this;
- `visible(user, qs)`: the rows a user may read, behind every model's
  `objects.visible_to(user)` (the one front door: callers use that);
- the global capabilities (`can_create_project`, `reads_everything`, …).

Two layers (DESIGN §4):
1. Global capabilities are the Django permissions of the user's groups
   (accounts/roles.py): the model permission of an action (`risks.add_risk`
   to add a risk, `view_risk` to read one) and named capabilities such as
   `projects.view_all_projects`. What an admin changes on a group in Django
   admin is what the app does; a user without any is refused everything.
2. Object rules on top: each model declares a `RecordPolicy` beside its
   fields (core/policy.py): its owner, what customers see, what project
   roles grant. This module reads those declarations and names no model of
   another app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from accounts import roles
from core.policy import (
    ADD,
    APPROVE,
    CHANGE,
    DELETE,
    IMPLEMENT,
    REVIEW,
    SUBMIT,
    VIEW,
    RecordPolicy,
    Step,
    TeamPolicy,
)
from projects.choices import ProjectRole as Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from projects.models import Membership, Project

    AnyUser = User | AnonymousUser

__all__ = [
    "ADD",
    "APPROVE",
    "CHANGE",
    "DELETE",
    "IMPLEMENT",
    "REVIEW",
    "SUBMIT",
    "VIEW",
    "can",
    "require",
    "visible",
]

CREATE_PROJECTS = "projects.add_project"
READ_ALL_PROJECTS = "projects.view_all_projects"
# The model permission an action needs: approving, reviewing and submitting
# change the record.
PERMISSION_OF = {
    VIEW: "view",
    ADD: "add",
    CHANGE: "change",
    DELETE: "delete",
    APPROVE: "change",
    IMPLEMENT: "change",
    REVIEW: "change",
    SUBMIT: "change",
}


def _projects() -> type[Project]:
    # Looked up, not imported: projects/models.py imports this module.
    return apps.get_model("projects", "Project")  # type: ignore[no-any-return]


def _memberships() -> type[Membership]:
    return apps.get_model("projects", "Membership")  # type: ignore[no-any-return]


def is_project(obj: models.Model | type[models.Model]) -> bool:
    return policy(obj).project == ""


def policy(model: type[models.Model] | models.Model) -> RecordPolicy:
    found = getattr(model, "access", None)
    if not isinstance(found, RecordPolicy):
        raise TypeError(f"{model} declares no RecordPolicy `access`")
    return found


def model_permission(model: type[models.Model] | models.Model, action: str) -> str:
    meta = model._meta
    return f"{meta.app_label}.{PERMISSION_OF[action]}_{meta.model_name}"


# ------------------------------------------------------- global capabilities


def is_admin(user: AnyUser) -> bool:
    return roles.is_admin(user)


def reads_everything(user: AnyUser) -> bool:
    """Directors, the general manager and admins read every project."""
    return roles.has_capability(user, READ_ALL_PROJECTS)


def can_create_project(user: AnyUser) -> bool:
    return roles.has_capability(user, CREATE_PROJECTS)


# ------------------------------------------------------------- project roles


def project_roles(user: AnyUser) -> dict[int, str]:
    """Return {project_id: role} for the user, memoised on the user object."""
    cached = getattr(user, "_milepost_roles", None)
    if cached is None:
        cached = {}
        if user.pk and user.is_active:
            cached = dict(
                _memberships()
                .objects.filter(user=user)
                .values_list("project_id", "role")
            )
            for pk in (
                _projects().objects.filter(manager=user).values_list("pk", flat=True)
            ):
                cached[pk] = Role.MANAGER
        user._milepost_roles = cached  # type: ignore[union-attr]
    return cached


def forget(user: AnyUser) -> None:
    """Drop memoised roles and permissions (after they change mid-request)."""
    for attr in ("_milepost_roles", "_milepost_groups", "_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)
    for attr in ("_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def role_in(user: AnyUser, project: Project) -> str | None:
    if user.pk is not None and project.manager_id == user.pk:
        return Role.MANAGER
    return project_roles(user).get(project.pk)


def project_of(obj: models.Model) -> Project:
    found: Project = policy(obj).project_of(obj)
    return found


def _grants(user: AnyUser, action: str, obj: models.Model, role: str) -> bool:
    """The object rule for someone holding `role` on obj's project."""
    rules = policy(obj)
    owns = user.pk is not None and rules.owner_id(obj) == user.pk
    if rules.answer:
        # An answer belongs to whoever gave it: not even the project manager
        # changes how the customer or the team rated them (admins correct).
        if rules.owner is not None and not owns:
            return False  # nobody answers, or edits an answer, for someone else
        if action != ADD:
            return action in rules.owner_grants
        if role == Role.CUSTOMER_REP:
            return ADD in rules.customer_grants
        if role == Role.MANAGER:
            return rules.managers_answer
        return ADD in rules.team_grants | rules.role_grants.get(role, frozenset())
    if role == Role.MANAGER:
        return True
    if role == Role.CUSTOMER_REP:
        allowed = set(rules.customer_grants)
        if owns and rules.customer_sees(obj, user):
            allowed |= rules.owner_grants
        return action in allowed
    allowed = set(rules.team_grants) | set(rules.role_grants.get(role, ()))
    if owns:
        allowed |= rules.owner_grants
    return action in allowed


def _may_decide(user: AnyUser, obj: models.Model, rules: RecordPolicy) -> bool:
    """Separation of duties (RecordPolicy.decided_by_others, DESIGN §4)."""
    if not can(user, VIEW, obj):
        return False
    if is_admin(user):
        return True
    owner = rules.owner_id(obj)
    if owner is not None and owner == user.pk:
        return False  # nobody decides what they raised themselves
    project = project_of(obj)
    role = role_in(user, project)
    if owner is not None and owner == project.manager_id:
        capable = bool(rules.decide_capability) and roles.has_capability(
            user, rules.decide_capability
        )
        return capable or role == Role.CUSTOMER_REP
    return role == Role.MANAGER and roles.has_capability(
        user, model_permission(obj, APPROVE)
    )


def can(user: AnyUser, action: str, obj: models.Model) -> bool:
    """Return True if user may do action to obj (a Project or a project record)."""
    if not user.is_active or user.pk is None:
        return False
    if action == APPROVE and not is_project(obj) and policy(obj).decided_by_others:
        return _may_decide(user, obj, policy(obj))
    if not roles.has_capability(user, model_permission(obj, action)):
        return False
    if is_admin(user):
        return True
    if is_team_record(obj):
        return _team_can(user, action, obj)
    if is_project(obj) and obj.pk is None:
        # Creating a project is a global capability, not a role on a project;
        # its creator becomes its manager.
        return action == ADD and obj.manager_id in (None, user.pk)
    project = project_of(obj)
    role = role_in(user, project)
    if action == VIEW:
        if role is None:
            return reads_everything(user)
        return role != Role.CUSTOMER_REP or policy(obj).customer_sees(obj, user)
    # Directors and the general manager read everything; they write only
    # where they hold a seat (or where a model's own service lets them).
    if role is None:
        return False
    return _grants(user, action, obj, role)


def require(user: AnyUser, action: str, obj: models.Model) -> None:
    """Raise 404 if the user may not see obj, 403 if they may not do action."""
    if not can(user, VIEW, obj):
        raise Http404
    if action != VIEW and not can(user, action, obj):
        raise PermissionDenied


# ------------------------------------------------------------------ querysets


def _member_of(user: AnyUser, seats: list[str]) -> models.QuerySet[Any]:
    return _memberships().objects.filter(user=user, role__in=seats).values("project_id")


def team_seats() -> list[str]:
    return [r for r in Role.values if r != Role.CUSTOMER_REP]


def team_projects(user: AnyUser) -> models.QuerySet[Any]:
    """Ids of the projects the user manages or works on (not as a customer)."""
    if not user.is_active or user.pk is None:
        return _projects().objects.none().values("pk")
    return (
        _projects()
        .objects.filter(Q(manager=user) | Q(pk__in=_member_of(user, team_seats())))
        .values("pk")
    )


def visible_projects(
    user: AnyUser, qs: models.QuerySet[Project]
) -> models.QuerySet[Project]:
    if not roles.has_capability(user, model_permission(_projects(), VIEW)):
        return qs.none()
    if reads_everything(user):
        return qs
    seats = _memberships().objects.filter(user=user).values("project_id")
    return qs.filter(Q(manager=user) | Q(pk__in=seats))


def visible[Q_: models.QuerySet[Any]](user: AnyUser, qs: Q_) -> Q_:
    """Filter a queryset of project records to those the user may read.

    Two uncorrelated `IN (subquery)` tests joined by OR (managed projects,
    team seats): PostgreSQL builds each as a hash from an index scan of the
    user's own projects and seats, so the cost follows the user's projects,
    never the company's size.
    """
    model = qs.model
    if is_team_record(model):
        return _team_visible(user, qs)
    if is_project(model):
        return visible_projects(user, qs)  # type: ignore[arg-type,return-value]
    if not roles.has_capability(user, model_permission(model, VIEW)):
        return qs.none()
    if reads_everything(user):
        return qs
    rules = policy(model)
    path = rules.project
    managed = _projects().objects.filter(manager=user).values("pk")
    condition = Q(**{f"{path}__in": managed}) | Q(
        **{f"{path}__in": _member_of(user, team_seats())}
    )
    if rules.customer:
        customer = Q(**{f"{path}__in": _member_of(user, [Role.CUSTOMER_REP])})
        if not isinstance(rules.customer, bool):
            customer &= Q(**rules.customer)
        if rules.customer_among:
            # A semi-join: rows the customer is among the people of, once each.
            among = model._default_manager.filter(**{rules.customer_among: user})
            customer &= Q(pk__in=among.values("pk"))
        condition |= customer
    return qs.filter(condition)


# ---------------------------------------------------------------------- people


def visible_users[U: models.QuerySet[Any]](viewer: AnyUser, qs: U) -> U:
    """Filter a User queryset to the people `viewer` may look up.

    Admins see everyone (inactive accounts too). Staff (anyone who reads
    every project, creates projects or holds a team seat) see every active
    user: they staff projects and assign work. Customers see only the people
    on their own projects and themselves, so no staff directory leaks.
    """
    if not viewer.is_active or viewer.pk is None:
        return qs.none()
    if is_admin(viewer):
        return qs
    qs = qs.filter(is_active=True)
    staff = reads_everything(viewer) or can_create_project(viewer)
    if staff or any(
        role != Role.CUSTOMER_REP for role in project_roles(viewer).values()
    ):
        return qs
    if roles.group_names(viewer) - {roles.CUSTOMER}:
        return qs  # an internal role without projects yet
    projects = _member_of(viewer, [Role.CUSTOMER_REP])
    return qs.filter(
        Q(pk=viewer.pk)
        | Q(
            pk__in=_memberships().objects.filter(project__in=projects).values("user_id")
        )
        | Q(pk__in=_projects().objects.filter(pk__in=projects).values("manager_id"))
    )


# --------------------------------------------------- team records (DESIGN §7)


def is_team_record(obj: models.Model | type[models.Model]) -> bool:
    return isinstance(getattr(obj, "access", None), TeamPolicy)


def team_policy(obj: models.Model | type[models.Model]) -> TeamPolicy:
    found = getattr(obj, "access", None)
    if not isinstance(found, TeamPolicy):
        raise TypeError(f"{obj} declares no TeamPolicy `access`")
    return found


def _reporting_tree(user: AnyUser) -> dict[int | None, list[int]]:
    """{manager id: [direct report ids]} of every active user, memoised on
    the viewer (one query per request, whatever the depth of the line)."""
    cached = getattr(user, "_milepost_reports", None)
    if cached is None:
        cached = {}
        rows = (
            apps.get_model("accounts", "User")
            .objects.filter(is_active=True, reports_to__isnull=False)
            .values_list("pk", "reports_to_id")
        )
        for pk, manager_id in rows:
            cached.setdefault(manager_id, []).append(pk)
        user._milepost_reports = cached  # type: ignore[union-attr]
    return cached


def subordinates(user: AnyUser) -> set[int]:
    """Ids of everyone who reports to user, directly or through others."""
    if user.pk is None:
        return set()
    tree = _reporting_tree(user)
    found: set[int] = set()
    stack = list(tree.get(user.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in found and pk != user.pk:
            found.add(pk)
            stack.extend(tree.get(pk, []))
    return found


def headed_departments(user: AnyUser) -> set[int]:
    """Ids of the departments user heads, with every department inside them."""
    if user.pk is None:
        return set()
    cached = getattr(user, "_milepost_headed", None)
    if cached is None:
        departments = apps.get_model("accounts", "Department").objects
        heads = list(departments.filter(head=user).values_list("pk", flat=True))
        cached = set()
        if heads:
            tree: dict[int | None, list[int]] = {}
            for pk, parent_id in departments.values_list("pk", "parent_id"):
                tree.setdefault(parent_id, []).append(pk)
            stack = heads
            while stack:
                pk = stack.pop()
                if pk not in cached:
                    cached.add(pk)
                    stack.extend(tree.get(pk, []))
        user._milepost_headed = cached  # type: ignore[union-attr]
    return cached


def reads_team(user: AnyUser, rules: TeamPolicy) -> bool:
    """Directors, the general manager, HR and admins read every team record."""
    return is_admin(user) or bool(
        rules.reads_all and roles.has_capability(user, rules.reads_all)
    )


def team_people(viewer: AnyUser) -> models.QuerySet[Any] | None:
    """The users whose team records viewer reads as a person, a manager or a
    department head; None when viewer reads everyone's."""
    users = apps.get_model("accounts", "User").objects
    if not viewer.is_active or viewer.pk is None:
        return users.none()
    ids = subordinates(viewer) | {viewer.pk}
    condition = Q(pk__in=ids)
    departments = headed_departments(viewer)
    if departments:
        condition |= Q(department__in=departments)
    return users.filter(condition)


def sees_person(viewer: AnyUser, person_id: int | None, rules: TeamPolicy) -> bool:
    if reads_team(viewer, rules):
        return True
    if person_id is None or viewer.pk is None:
        return False
    if person_id == viewer.pk or person_id in subordinates(viewer):
        return True
    departments = headed_departments(viewer)
    if not departments:
        return False
    users = apps.get_model("accounts", "User").objects
    return bool(users.filter(pk=person_id, department__in=departments).exists())


def _team_can(user: AnyUser, action: str, obj: models.Model) -> bool:
    """The object rule of a team record (the model permission is checked)."""
    rules = team_policy(obj)
    if rules.person is None:
        return True  # reference data: the model permission says it all
    if action == VIEW and rules.is_shared(obj):
        return True
    person_id = rules.person_id(obj)
    if not sees_person(user, person_id, rules):
        return False
    if action == VIEW:
        return True
    if person_id == user.pk:
        return action in rules.self_grants
    if rules.writes_all and roles.has_capability(user, rules.writes_all):
        return True
    # Reading everyone's records is not writing them: only the person's line
    # (their managers, their department's head) writes.
    return sees_person(user, person_id, TeamPolicy())


def _team_visible[Q_: models.QuerySet[Any]](user: AnyUser, qs: Q_) -> Q_:
    model = qs.model
    rules = team_policy(model)
    if not roles.has_capability(user, model_permission(model, VIEW)):
        return qs.none()
    if rules.person is None or reads_team(user, rules):
        return qs
    people = team_people(user)
    lookup = f"{rules.person}__in" if rules.person else "pk__in"
    condition = Q(**{lookup: people.values("pk")})  # type: ignore[union-attr]
    if rules.shared:
        condition |= Q(
            **{f"{name}__in": sorted(values) for name, values in rules.shared.items()}
        )
    return qs.filter(condition)


def step_holder(record: models.Model, step: Step, author_id: int | None) -> Any:
    """The one user who takes a person step (None for a capability step, or
    when nobody fits: then only admins may take it)."""
    for lookup in step.person:
        target: Any = record
        for name in lookup.split("__"):
            target = getattr(target, name, None)
            if target is None:
                break
        if target is not None and target.pk != author_id:
            return target
    return None


def may_take_step(
    user: AnyUser, record: models.Model, step: Step, author_id: int | None
) -> bool:
    """True if user holds the approval step that is due on record.

    Admins may take any step (the step records who took it); otherwise the
    step's person, or a holder of its capability who is not the author.
    """
    if not user.is_active or user.pk is None:
        return False
    if is_admin(user):
        return True
    if step.person:
        holder = step_holder(record, step, author_id)
        return holder is not None and holder.pk == user.pk
    return (
        bool(step.capability)
        and user.pk != author_id
        and roles.has_capability(user, step.capability)
    )
