"""How a model declares who may do what to its rows; projects/access.py reads it.

Each project record carries a `RecordPolicy` beside its fields:

    class Risk(Versioned):
        ...
        access = RecordPolicy(owner="owner", role_grants={"risk_officer": EDIT})

Project roles, customers and owners are named by plain strings here (the
role values of projects.Membership.Role), so this module imports no app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
# approve: approve a plan or decide a change request; review: a document's
# review; submit: send a change request for a decision.
APPROVE, REVIEW, SUBMIT = "approve", "review", "submit"
# implement: carry out what was approved (a step apart from deciding it).
IMPLEMENT = "implement"
EDIT = frozenset({VIEW, ADD, CHANGE, DELETE})


def _at(obj: Any, path: str) -> Any:
    """The value at a lookup path ("document__kind") of a row."""
    for name in path.split("__"):
        obj = getattr(obj, name, None)
    return obj


@dataclass(frozen=True)
class RecordPolicy:
    """Who may read and write a model's rows, beyond its project's manager
    (who may do everything in their projects) and admins (everything).

    - `project`: the lookup from a row to its project ("" for Project itself).
    - `customer`: what a customer representative reads: nothing (False),
      every row (True), or the rows matching a field filter ({"kind": …}).
    - `customer_among`: a lookup to users ("attendees"): a customer reads a
      row only when they are among them (a review meeting they attended).
    - `customer_grants`: what customers may do besides reading.
    - `team_grants`: what anyone on the project team may do.
    - `role_grants`: what a project role grants on top, e.g. {"finance": EDIT}.
    - `owner`: the lookup to the user who owns a row; `owner_grants`: what
      that user may do to it.
    - `answer`: rows are answers given by their owner (ratings, scores):
      only the owner writes them, never the project manager; admins correct.
    - `managers_answer`: whether the project's manager may give one at all.
    - `decided_by_others`: separation of duties for `approve`: the row's
      owner (who raised it) never decides it; the project's manager decides
      the others' rows, and a row the manager raised is decided by holders
      of `decide_capability` (directors, the general manager) or the
      project's customer representative. Admins may do anything.
    """

    project: str = "project"
    customer: bool | Mapping[str, Any] = False
    customer_among: str = ""
    customer_grants: frozenset[str] = frozenset()
    team_grants: frozenset[str] = frozenset()
    role_grants: Mapping[str, frozenset[str]] = field(default_factory=dict)
    owner: str | None = None
    owner_grants: frozenset[str] = frozenset()
    answer: bool = False
    managers_answer: bool = True
    decided_by_others: bool = False
    decide_capability: str = ""

    def customer_sees(self, obj: Any, user: Any = None) -> bool:
        """True if a customer representative (user) may read this row."""
        if isinstance(self.customer, bool):
            allowed = self.customer
        else:
            allowed = all(
                _at(obj, name) == value for name, value in self.customer.items()
            )
        if allowed and self.customer_among:
            if user is None:
                return False
            try:
                people = _at(obj, self.customer_among)
                return people is not None and people.filter(pk=user.pk).exists()
            except ValueError:  # a row not saved yet has nobody among it
                return False
        return allowed

    def owner_id(self, obj: Any) -> Any:
        """The id of the row's owner (None when it has none)."""
        if self.owner is None:
            return None
        target: Any = obj
        *parents, last = self.owner.split("__")
        for name in parents:
            target = getattr(target, name, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)

    def project_of(self, obj: Any) -> Any:
        """The project a row belongs to (the row itself for a project)."""
        if not self.project:
            return obj
        target: Any = obj
        for name in self.project.split("__"):
            target = getattr(target, name)
        return target


# ---------------------------------------------------------- team records (§7)


@dataclass(frozen=True)
class TeamPolicy:
    """Who may read and write a team record (DESIGN §4 and §7).

    A team record is about one person: it is seen by that person, their
    reporting line (`reports_to`, transitively), the head of their
    department (or of a department above it), whoever holds the `reads_all`
    capability (directors, the general manager, HR) and admins; nobody else,
    project members and customers included.

    - `person`: the lookup from a row to the user it is about ("" for the
      user itself); None for company-wide reference data (positions,
      skills) that anyone holding the model's view permission reads.
    - `reads_all`: the capability ("app_label.codename") that reads every row
      (reading only: directors and the general manager write a team record
      only where they are in its person's line);
    - `writes_all`: the capability that writes every row its model
      permissions allow (HR keeps people's records);
    - `self_grants`: what the person themselves may do besides reading
      (e.g. add a self-assessment); others in their line may do what their
      model permissions allow.
    - `shared`: {field: values}: a row whose fields hold one of these
      values is read by everyone holding the model's view permission (a
      published standard); the others only by the person's line and
      `reads_all` (its drafts).
    """

    person: str | None = ""
    reads_all: str = ""
    writes_all: str = ""
    self_grants: frozenset[str] = frozenset()
    shared: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def is_shared(self, obj: Any) -> bool:
        """True if the row is read by every holder of the view permission."""
        return bool(self.shared) and all(
            getattr(obj, name, None) in values for name, values in self.shared.items()
        )

    def person_id(self, obj: Any) -> Any:
        """The id of the user a row is about (None for reference data)."""
        if self.person is None:
            return None
        if self.person == "":
            return obj.pk
        target: Any = obj
        *parents, last = self.person.split("__")
        for name in parents:
            target = getattr(target, name, None)
            if target is None:
                return None
        return getattr(target, f"{last}_id", None)


@dataclass(frozen=True)
class Step:
    """One step of an approval chain (DESIGN §7), as data.

    - `state`: the record's state while this step is due;
    - `next`: the state an approval leads to;
    - `label`: the step's name as pages show it;
    - `person`: lookups from the record to the one user who takes the step,
      the first that names someone other than the author wins (e.g. the
      owner's manager, else the head of the owner's department);
    - `capability`: or the permission whose holders take it (the general
      manager's step, HR's step).
    """

    state: str
    next: str
    label: Any
    person: tuple[str, ...] = ()
    capability: str = ""
