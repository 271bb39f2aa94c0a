"""Shared fixtures. Services tests (PostgreSQL, Redis, a real Celery worker)
live under tests/services/ and run when MILEPOST_SERVICES=1 (make test-services).
"""

from __future__ import annotations

import pytest

from accounts import roles
from tests.factories import MembershipFactory, ProjectFactory, UserFactory


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def make_member(project):
    """make_member("finance") returns a user with that role on `project`."""

    def make(role: str, on=None):
        user = UserFactory(
            role=roles.CUSTOMER if role == "customer_rep" else roles.MEMBER
        )
        MembershipFactory(project=on or project, user=user, role=role)
        return user

    return make


@pytest.fixture
def director():
    return UserFactory(role=roles.DIRECTOR)


@pytest.fixture
def admin_user():
    return UserFactory(role=roles.ADMIN)


@pytest.fixture
def outsider():
    return UserFactory(role=roles.MEMBER)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness only costs test time here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Each test its own cache key prefix: a value cached by an earlier test
    (ids are reused after rollbacks) is never read. The backend stays the
    configured one (Redis under make test-services), so nothing is flushed."""
    import uuid

    default = dict(settings.CACHES["default"])
    default["KEY_PREFIX"] = uuid.uuid4().hex
    settings.CACHES = {**settings.CACHES, "default": default}


def pytest_collection_modifyitems(config, items):
    """Services tests run only under `make test-services` (MILEPOST_SERVICES=1).

    They are deselected from the SQLite run, never skipped: where they run,
    a missing PostgreSQL or Redis fails them.
    """
    import os

    if os.environ.get("MILEPOST_SERVICES") == "1":
        return
    keep, drop = [], []
    for item in items:
        (drop if "/tests/services/" in str(item.path) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
