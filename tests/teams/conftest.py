"""A small technical department: a director heading it, two team leads, an
engineer under each, the general manager, HR, and people outside it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from accounts import roles
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
)
from tests.teams.factories import SkillFactory


@pytest.fixture
def team(db):
    tech = DepartmentFactory(name="Engineering", code="eng")
    director = UserFactory(username="tdir", role=roles.DIRECTOR, department=tech)
    tech.head = director
    tech.save()
    lead = UserFactory(username="lead1", department=tech, reports_to=director)
    lead2 = UserFactory(username="lead2", department=tech, reports_to=director)
    engineer = UserFactory(username="eng1", department=tech, reports_to=lead)
    engineer2 = UserFactory(username="eng2", department=tech, reports_to=lead2)
    other = DepartmentFactory(name="Sales", code="sales")
    member = UserFactory(username="member", department=other)
    customer = UserFactory(username="cust", role=roles.CUSTOMER)
    # A project shared with the engineer: a seat on it grants nothing here.
    project = ProjectFactory()
    MembershipFactory(project=project, user=engineer, role="member")
    MembershipFactory(project=project, user=member, role="member")
    MembershipFactory(project=project, user=customer, role="customer_rep")
    return SimpleNamespace(
        tech=tech,
        director=director,
        lead=lead,
        lead2=lead2,
        engineer=engineer,
        engineer2=engineer2,
        member=member,
        customer=customer,
        gm=UserFactory(username="gm", role=roles.GENERAL_MANAGER),
        hr=UserFactory(username="hr", role=roles.HR),
        admin=UserFactory(username="adm", role=roles.ADMIN),
        skill=SkillFactory(name="Python"),
        skill2=SkillFactory(name="PostgreSQL"),
    )


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


class _JsonApiClient(Client):
    """The test client, posting to the API as its clients do: JSON (the API
    parses nothing else since issue 25; pages still get form posts)."""

    def post(self, path, data=None, content_type=None, **extra):  # type: ignore[override]
        if content_type is None and str(path).startswith("/api/"):
            content_type = "application/json"
        if content_type is None:
            return super().post(path, data, **extra)
        return super().post(path, data, content_type=content_type, **extra)


@pytest.fixture
def client():
    return _JsonApiClient()
