"""Content-addressed fragment caching: HTML cached under a digest of what it
shows, so it is rendered once per distinct content and never served stale.

A view builds the key from every value the fragment displays (already
fetched for the page) and the template wraps the fragment in
`{% cache 600 name key LANGUAGE_CODE %}`. Changed data is a new key; old
entries simply age out. Every key also holds RELEASE, when the code or the
templates last changed, so a deploy never serves HTML an older release drew
(a cache shared through Redis outlives the processes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings


def _release() -> str:
    root = Path(settings.BASE_DIR)
    patterns = ("*/*.py", "*/templatetags/*.py", "templates/**/*.html")
    return repr(max(p.stat().st_mtime for g in patterns for p in root.glob(g)))


RELEASE = _release()


def digest(*parts: Any) -> str:
    """A cache key part for `parts` (and the release): SHA-256 of their repr."""
    return hashlib.sha256(repr((RELEASE, parts)).encode()).hexdigest()
