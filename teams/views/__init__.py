"""Team pages, one module per area (part 2 adds its own)."""

from teams.views.people import index

__all__ = ["index"]
