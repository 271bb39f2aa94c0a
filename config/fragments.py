"""Content-addressed fragment caching: HTML cached under a digest of what it
shows, so it is rendered once per distinct content and never served stale.

A view builds the key from every value the fragment displays (already
fetched for the page) and the template wraps the fragment in
`{% cache 600 name key LANGUAGE_CODE %}`. Changed data is a new key; old
entries simply age out.
"""

from __future__ import annotations

import hashlib
from typing import Any


def digest(*parts: Any) -> str:
    """A cache key part for `parts`: the SHA-256 of their repr."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()
