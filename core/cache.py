"""A Redis cache that degrades to no cache when Redis is down.

Pages cache fragments and DRF counts throttles in the cache; neither may
turn a Redis outage into a 500. Every call that fails on the connection is
logged and answered as a miss (reads) or a no-op (writes).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger("milepost.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency
    RedisError = OSError  # type: ignore[assignment,misc]

# What each operation answers while the cache is unreachable.
_FALLBACK: dict[str, Callable[..., Any]] = {
    "get": lambda key, default=None, *a, **k: default,
    "add": lambda *a, **k: False,
    "set": lambda *a, **k: None,
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "set_many": lambda *a, **k: [],
    "delete_many": lambda *a, **k: None,
    "clear": lambda *a, **k: False,
}


def _tolerant(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            log.warning("cache %s failed, served without cache: %s", name, error)
            return _FALLBACK[name](*args, **kwargs)

    return call


class TolerantRedisCacheClient(RedisCacheClient):
    pass


for _name in _FALLBACK:
    setattr(
        TolerantRedisCacheClient,
        _name,
        _tolerant(_name, getattr(RedisCacheClient, _name)),
    )


class TolerantRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache that never raises on an
    outage (CACHES BACKEND "core.cache.TolerantRedisCache")."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
