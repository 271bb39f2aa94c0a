"""The access matrix of DESIGN §4 over EVERY route on config.urls.router.

For each registered resource (see tests/api/resources.py for how each object
is built): an outsider gets an empty list and 404s, a director reads but may
not write (403; kpi-definitions' target is the exception), the project's
manager reads and edits, an anonymous caller gets 401/403, and malformed input
is a 400 naming the field. Denials assert that nothing changed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import roles
from tests.api.resources import RESOURCES, Spec, missing_specs, registered
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

PREFIXES = sorted(registered())

# Team workflows of DESIGN §7 part 2 in which a director holds a step
# (opens cycles, calibrates appraisals, recruits, confirms requests): the
# director's write refusals do not apply to their actions, and their records
# are created through the workflow (tests/teams/ cover who takes each step).
DIRECTOR_STEPS = {
    "appraisal-schemes",
    "appraisal-cycles",
    "appraisals",
    "position-requests",
    "candidates",
    "applications",
    "interviews",
    # Directors decide technical reviews, publish standards and write plans
    # and purchase plans of their own (issue 23).
    "technical-reviews",
    "tech-plans",
    "tech-standards",
    "purchase-plans",
}
# Seen by its own director only, not every director (DESIGN §4).
OWN_DIRECTOR = {"staff-action-cases"}


def test_every_registered_resource_has_a_spec():
    missing = missing_specs()
    assert not missing, (
        f"API routes without an entry in tests/api/resources.py: {missing}. "
        "Add one so the access matrix covers them."
    )


def test_design_resources_exist():
    """Every resource DESIGN §5 names is served under /api/v1/."""
    absent = sorted(set(RESOURCES) - set(registered()))
    assert not absent, f"DESIGN §5 resources not registered on the router: {absent}"


# ------------------------------------------------------------------ helpers


class World:
    """One object of a resource plus the people around it."""

    def __init__(self, prefix: str) -> None:
        if prefix not in RESOURCES:
            pytest.fail(f"{prefix}: no spec in tests/api/resources.py")
        self.prefix = prefix
        self.spec: Spec = RESOURCES[prefix]
        self.viewset, self.basename = registered()[prefix]
        self.manager = UserFactory(role=roles.PROJECT_MANAGER)
        self.project = ProjectFactory(manager=self.manager)
        self.obj = self.spec.make(self.project)
        self.director = (
            self.obj.director
            if prefix in OWN_DIRECTOR
            else UserFactory(role=roles.DIRECTOR)
        )
        self.admin = UserFactory(role=roles.ADMIN)
        self.rater = None
        if self.spec.writer == "rater":
            # The person who gave the rating, on the team (and at the meeting).
            self.rater = getattr(self.obj, "rater", None) or self.obj.attendee
            MembershipFactory(project=self.project, user=self.rater, role="member")
            if hasattr(self.obj, "meeting"):
                self.obj.meeting.attendees.add(self.rater)
        self.outsider = UserFactory(role=roles.MEMBER)
        self.lookup = getattr(self.viewset, "lookup_field", "pk")
        self.key = "id" if self.lookup == "pk" else self.lookup

    @property
    def value(self) -> Any:
        return getattr(self.obj, self.lookup)

    def list_url(self) -> str:
        return reverse(f"{self.basename}-list")

    def detail_url(self) -> str:
        kwarg = getattr(self.viewset, "lookup_url_kwarg", None) or self.lookup
        return reverse(f"{self.basename}-detail", kwargs={kwarg: self.value})

    def client(self, user: Any = None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)  # a fresh user object per request
        return client

    def writer(self) -> Any:
        return {
            "manager": self.manager,
            "director": self.director,
            "admin": self.admin,
            "rater": self.rater,
        }[self.spec.writer]

    def state(self) -> dict[str, Any] | None:
        model = type(self.obj)
        return model._default_manager.filter(pk=self.obj.pk).values().first()

    def can_patch(self) -> bool:
        return hasattr(self.viewset, "partial_update")

    def can_delete(self) -> bool:
        return hasattr(self.viewset, "destroy")

    def in_list(self, response: Any) -> bool:
        assert response.status_code == 200, response.content
        body = response.json()
        rows = body["results"] if isinstance(body, dict) else body
        if self.spec.match is not None:
            return any(self.spec.match(row, self.obj) for row in rows)
        return any(row.get(self.key) == self.value for row in rows)


def same(current: Any, sent: Any) -> bool:
    if isinstance(current, Decimal):
        return current == Decimal(str(sent))
    return current == sent


# -------------------------------------------------------------------- tests


@pytest.mark.parametrize("prefix", PREFIXES)
def test_anonymous_is_refused(prefix):
    world = World(prefix)
    before = world.state()
    anonymous = world.client()

    assert anonymous.get(world.list_url()).status_code in (401, 403)
    assert anonymous.get(world.detail_url()).status_code in (401, 403)
    assert anonymous.delete(world.detail_url()).status_code in (401, 403)
    assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_outsider_sees_nothing(prefix):
    world = World(prefix)
    if not world.spec.scoped:
        # Global resources: every signed-in user reads them.
        response = world.client(world.outsider).get(world.detail_url())
        assert response.status_code == 200, response.content
        return
    before = world.state()
    outsider = world.client(world.outsider)

    listing = outsider.get(world.list_url())
    assert listing.status_code == 200, listing.content
    assert not world.in_list(listing)
    assert outsider.get(world.detail_url()).status_code == 404
    body = world.spec.patch or {}
    if world.can_patch():
        assert outsider.patch(world.detail_url(), body).status_code == 404
    if world.can_delete():
        assert outsider.delete(world.detail_url()).status_code == 404
    assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_director_reads_but_writes_only_kpi_targets(prefix):
    world = World(prefix)
    director = world.client(world.director)

    listing = director.get(world.list_url())
    assert listing.status_code == 200, listing.content
    assert world.in_list(listing)
    assert director.get(world.detail_url()).status_code == 200

    before = world.state()
    if world.spec.writer == "director":
        read = director.get(world.detail_url()).json()
        body = (
            {**world.spec.patch, "version": read["version"]}
            if "version" in read
            else world.spec.patch
        )
        response = director.patch(world.detail_url(), body, format="json")
        assert response.status_code == 200, response.content
    elif world.can_patch():
        response = director.patch(
            world.detail_url(), world.spec.patch or {}, format="json"
        )
        assert response.status_code == 403, response.content
        assert world.state() == before
    else:
        assert director.patch(world.detail_url(), {}).status_code == 405
    before = world.state()
    expected = 403 if world.can_delete() else 405
    assert director.delete(world.detail_url()).status_code == expected
    assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_manager_reads_and_edits(prefix):
    world = World(prefix)
    manager = world.client(world.manager)

    listing = manager.get(world.list_url())
    assert listing.status_code == 200, listing.content
    assert world.in_list(listing)
    assert manager.get(world.detail_url()).status_code == 200

    before = world.state()
    if world.spec.patch is None:
        expected = 405
        response = manager.patch(world.detail_url(), {"x": 1}, format="json")
        assert response.status_code in (expected, 403), response.content
        assert world.state() == before
        return
    read = manager.get(world.detail_url()).json()
    body = {
        **world.spec.patch,
        **({"version": read["version"]} if "version" in read else {}),
    }
    response = manager.patch(world.detail_url(), body, format="json")
    if world.spec.writer == "manager":
        assert response.status_code == 200, response.content
        after = world.state()
        assert after is not None
        for name, sent in world.spec.patch.items():
            assert same(after[name], sent), (name, after[name], sent)
    else:
        assert response.status_code == 403, response.content
        assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_malformed_input_is_400_naming_the_field(prefix):
    world = World(prefix)
    writer = world.client(world.writer())
    if world.spec.bad is None:
        assert not world.can_patch(), f"{prefix}: writable but no `bad` input"
        return
    before = world.state()

    response = writer.patch(world.detail_url(), world.spec.bad, format="json")

    assert response.status_code == 400, response.content
    assert set(world.spec.bad) <= set(response.json()), response.json()
    assert world.state() == before
    if hasattr(world.viewset, "create"):
        response = writer.post(world.list_url(), {}, format="json")
        assert response.status_code == 400, response.content
        body = response.json()
        assert isinstance(body, dict)
        assert set(body) - {"detail", "non_field_errors"}, body


@pytest.mark.parametrize("prefix", PREFIXES)
def test_token_auth_reads_like_a_session(prefix):
    world = World(prefix)
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.director)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(world.detail_url()).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(world.detail_url()).status_code == 401


# Records a customer representative reads (DESIGN §4: the project's basic
# record, its plan and milestones, change requests, progress reports).
CUSTOMER_SEES = {"projects", "phases", "milestones", "change-requests"}
ACTIONS = [
    (prefix, action.url_path)
    for prefix in PREFIXES
    for action in registered()[prefix][0].get_extra_actions()
    if action.detail and "post" in action.mapping
]


@pytest.mark.parametrize(("prefix", "action"), ACTIONS)
def test_workflow_actions_are_404_to_outsiders_and_403_to_directors(prefix, action):
    world = World(prefix)
    url = f"{world.detail_url()}{action}/"
    before = world.state()

    outsider = world.client(world.outsider).post(url, {}).status_code
    # Company-wide records (a scheme) are read by all: a step not theirs is 403.
    assert outsider == (404 if world.spec.scoped else 403)
    director = world.client(world.director).post(url, {}).status_code
    # A step the director holds but is not due, or an empty body: 400.
    assert director in (
        (400, 403) if prefix in DIRECTOR_STEPS | OWN_DIRECTOR else (403,)
    )
    assert world.client().post(url, {}).status_code in (401, 403)
    assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_customer_sees_only_customer_records(prefix):
    world = World(prefix)
    if not world.spec.scoped:
        return  # global resources: covered by test_outsider_sees_nothing
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=world.project, user=customer, role="customer_rep")
    client = world.client(customer)
    before = world.state()

    sees = prefix in CUSTOMER_SEES
    assert world.in_list(client.get(world.list_url())) is sees
    detail = client.get(world.detail_url())
    assert detail.status_code == (200 if sees else 404), detail.content
    if world.can_patch():
        expected = 403 if sees else 404
        response = client.patch(world.detail_url(), world.spec.patch, format="json")
        assert response.status_code == expected, response.content
    assert world.state() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_team_member_reads_but_cannot_edit_others_records(prefix):
    world = World(prefix)
    if not world.spec.scoped:
        return
    member = UserFactory(role=roles.MEMBER)
    MembershipFactory(project=world.project, user=member, role="member")
    client = world.client(member)
    before = world.state()
    if world.spec.team:
        # A seat on the project shows none of the team's records (§4).
        assert not world.in_list(client.get(world.list_url()))
        assert client.get(world.detail_url()).status_code == 404
        return

    assert world.in_list(client.get(world.list_url()))
    assert client.get(world.detail_url()).status_code == 200
    if world.can_patch():
        response = client.patch(world.detail_url(), world.spec.patch, format="json")
        assert response.status_code == 403, response.content
    if world.can_delete():
        assert client.delete(world.detail_url()).status_code == 403
    assert world.state() == before


PARENTS = ("project", "risk", "meeting", "change_request", "document")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_create_under_a_hidden_parent_looks_like_a_missing_one(prefix):
    """Posting into someone else's project (or risk, meeting…) answers exactly
    as for an id that does not exist: nothing tells the outsider it is there."""
    world = World(prefix)
    if not hasattr(world.viewset, "create"):
        return
    fields = world.viewset.serializer_class().fields
    parents = [n for n in PARENTS if n in fields and not fields[n].read_only]
    if not parents:
        return
    name = parents[0]
    hidden_pk = getattr(world.obj, name).pk
    absent_pk = type(getattr(world.obj, name)).objects.order_by("-pk")[0].pk + 1000
    client = world.client(world.outsider)
    model = type(world.obj)
    count = model._default_manager.count()

    hidden = client.post(world.list_url(), {name: hidden_pk})
    missing = client.post(world.list_url(), {name: absent_pk})

    assert hidden.status_code == missing.status_code == 400, hidden.content
    assert name in hidden.json(), hidden.json()
    assert hidden.json()[name] == [
        m.replace(str(absent_pk), str(hidden_pk)) for m in missing.json()[name]
    ]
    assert model._default_manager.count() == count


@pytest.mark.parametrize("prefix", PREFIXES)
def test_stale_version_is_409_and_overwrites_nothing(prefix):
    """Two editors: the second sends the version it read, now stale."""
    from core.versioning import Versioned

    world = World(prefix)
    if not isinstance(world.obj, Versioned) or world.spec.patch is None:
        return
    client = world.client(world.writer())
    read = world.obj.version
    url = world.detail_url()
    first = client.patch(url, {**world.spec.patch, "version": read}, format="json")
    assert first.status_code == 200, first.content
    after_first = world.state()
    assert after_first["version"] == read + 1

    second = client.patch(url, {**world.spec.patch, "version": read}, format="json")
    garbage = client.patch(url, {**world.spec.patch, "version": "abc"}, format="json")

    assert second.status_code == 409, second.content
    assert "detail" in second.json()
    assert garbage.status_code == 400, garbage.content
    assert "version" in garbage.json()
    assert world.state() == after_first


PROJECT_FILTERS = ("project", "risk__project", "meeting__project")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_list_filters_by_project(prefix):
    """Scripts pull one project's records: `?project=` (or the parent's)."""
    from core.rest import FilterBackend

    world = World(prefix)
    if not world.spec.scoped or world.spec.team:
        return  # global resources and team records (§7) belong to no project
    if prefix in ("projects", "kpi-snapshots"):
        return
    view = world.viewset()
    filterset = FilterBackend().get_filterset_class(view, type(world.obj).objects)
    names = [n for n in PROJECT_FILTERS if n in filterset.base_filters]
    assert names, f"{prefix}: no project filter among {sorted(filterset.base_filters)}"
    other = ProjectFactory(manager=world.manager)
    world.spec.make(other)
    client = world.client(world.manager)

    mine = client.get(world.list_url(), {names[0]: world.project.pk})
    theirs = client.get(world.list_url(), {names[0]: other.pk})

    assert world.in_list(mine)
    assert not world.in_list(theirs)
    assert mine.json()["count"] == 1


TEAM_RATINGS = {"meeting-feedback", "team-communication"}


def copy_payload(world: World, body: dict[str, Any]) -> dict[str, Any]:
    """The writable fields of a read object: what a client would POST back."""
    fields = world.viewset.serializer_class().fields
    payload = {
        name: value
        for name, value in body.items()
        if name in fields and not fields[name].read_only and value is not None
    }
    if "code" in payload:  # unique codes (projects, departments)
        payload["code"] = f"{payload['code']}9".upper()[:20]
    if world.prefix == "memberships":  # one membership per person and project
        payload["user"] = UserFactory().pk
    if world.prefix == "projects":
        payload["manager"] = world.manager.pk
    if world.prefix == "skills":  # a skill's name is unique in its category
        payload["name"] = f"{payload['name']} 2"
    if world.prefix == "training-records":  # one record per participant
        item = world.obj.item
        payload["participant"] = (
            item.participants.exclude(pk=world.obj.participant_id).first().pk
        )
    return payload


@pytest.mark.parametrize("prefix", PREFIXES)
def test_writer_creates_a_copy_and_director_cannot(prefix):
    """POST back what GET returned: 201 for the writer, 403 for a director."""
    world = World(prefix)
    # Workflow records are created through their workflow; a case's own
    # director may propose about their line, so is no refused "director".
    if not hasattr(world.viewset, "create") or prefix in DIRECTOR_STEPS | OWN_DIRECTOR:
        return
    writer = world.client(world.writer())
    body = writer.get(world.detail_url()).json()
    payload = copy_payload(world, body)
    model = type(world.obj)
    count = model._default_manager.count()

    if world.spec.writer != "director":
        refused = world.client(world.director).post(
            world.list_url(), payload, format="json"
        )
        assert refused.status_code == 403, refused.content
        assert model._default_manager.count() == count

    if prefix in TEAM_RATINGS:
        # Ratings come from the team (attendees), not the manager rating
        # themselves: a team member posts this one.
        member = UserFactory(role=roles.MEMBER)
        MembershipFactory(project=world.project, user=member, role="member")
        if prefix == "meeting-feedback":
            world.obj.meeting.attendees.add(member)
        writer = world.client(member)
    created = writer.post(world.list_url(), payload, format="json")

    assert created.status_code == 201, created.content
    assert model._default_manager.count() == count + 1


@pytest.mark.parametrize("prefix", PREFIXES)
def test_record_cannot_be_moved_into_a_project_the_user_may_not_write(prefix):
    """The manager of A, a plain member of B, may not move A's record to B."""
    world = World(prefix)
    if not world.can_patch() or world.spec.writer != "manager":
        return
    fields = world.viewset.serializer_class().fields
    parents = [n for n in PARENTS if n in fields and not fields[n].read_only]
    if not parents:
        return
    name = parents[0]
    other = ProjectFactory()
    MembershipFactory(project=other, user=world.manager, role="member")
    target = other if name == "project" else world.spec.make(other)
    if name != "project":
        target = getattr(target, name)
    before = world.state()

    response = world.client(world.manager).patch(
        world.detail_url(), {name: target.pk}, format="json"
    )

    assert response.status_code in (400, 403), response.content
    assert world.state() == before
