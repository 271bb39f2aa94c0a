"""accounts.backends.RoleBackend: a user's own and their groups' permissions
in one query, whose cost does not depend on how many members the groups have."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import RoleBackend
from accounts.models import User

pytestmark = pytest.mark.django_db


def bare(name: str, **extra) -> User:
    """A user with no role (the factory gives one)."""
    return User.objects.create_user(name, password="x", **extra)


def perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


def test_own_and_group_permissions_are_read_in_one_query():
    readers, writers = Group.objects.create(name="r"), Group.objects.create(name="w")
    readers.permissions.add(perm("view_project"), perm("view_risk"))
    writers.permissions.add(perm("view_risk"), perm("change_risk"))
    user = bare("u")
    user.groups.add(readers, writers)
    user.user_permissions.add(perm("add_issue"))
    # Other members of the groups, and a permission only they hold.
    other = bare("o")
    other.groups.add(readers, writers)
    other.user_permissions.add(perm("delete_project"))

    with CaptureQueriesContext(connection) as queries:
        found = RoleBackend().get_all_permissions(user)
        assert RoleBackend().get_all_permissions(user) is found  # memoised

    assert found == {
        "projects.view_project",
        "risks.view_risk",
        "risks.change_risk",
        "risks.add_issue",
    }
    (sql,) = [q["sql"] for q in queries.captured_queries]
    # Subqueries per source, not the ORed outer joins that multiplied every
    # permission by every member of its groups (80 ms at 2,500 members).
    assert "OUTER JOIN" not in sql
    assert sql.count(" IN (SELECT") == 2


def test_an_inactive_user_has_no_permissions():
    group = Group.objects.create(name="g")
    group.permissions.add(perm("view_project"))
    user = bare("i", is_active=False)
    user.groups.add(group)

    assert RoleBackend().get_all_permissions(user) == set()
