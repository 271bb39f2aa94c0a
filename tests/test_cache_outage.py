"""A cache outage degrades to no cache: pages, API lists and writes answer as
usual while Redis is unreachable (issue 20)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import RiskFactory

pytestmark = pytest.mark.django_db

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": DEAD,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield
    caches["default"].close()


def test_the_tolerant_cache_answers_misses_and_no_ops(redis_down):
    cache = caches["default"]
    assert cache.get("k", "fallback") == "fallback"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.get_or_set("k", 5) == 5
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("k") is False


def test_pages_and_api_work_without_the_cache(client, project, redis_down):
    risk = RiskFactory(project=project, title="Before")
    client.force_login(project.manager)
    api = APIClient()
    api.force_authenticate(project.manager)

    pages = [
        reverse("home"),
        reverse("risks:register", args=[project.pk]),
        reverse("portfolio:project_list"),
    ]
    codes = [client.get(url).status_code for url in pages]
    listing = api.get("/api/v1/risks/")
    write = api.patch(
        f"/api/v1/risks/{risk.pk}/",
        {"title": "After", "version": risk.version},
        format="json",
    )

    assert codes == [200, 200, 200]
    assert listing.status_code == 200
    assert write.status_code == 200, write.content
    risk.refresh_from_db()
    assert risk.title == "After"
