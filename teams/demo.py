"""The technical department of the demo company (seed_demo)."""

from __future__ import annotations

from projects.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    """Filled in below the skeleton."""
