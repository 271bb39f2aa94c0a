"""Content-addressed fragment caching: HTML cached under a digest of what it
shows, so it is rendered once per distinct content and never served stale.

A view (or template tag) builds the key from every value the fragment
displays and the template wraps the fragment in
`{% cache 600 name key LANGUAGE_CODE %}`. Changed data is a new key; old
entries age out. Every key also holds `settings.RELEASE`, so a deploy never
serves HTML an older release drew from a cache shared through Redis.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings


def digest(*parts: Any) -> str:
    """A cache key part for `parts` and the release: SHA-256 of their repr."""
    return hashlib.sha256(repr((settings.RELEASE, parts)).encode()).hexdigest()
