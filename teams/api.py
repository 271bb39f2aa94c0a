"""teams REST API (DESIGN §7): one module per area registers on `routes`."""

from __future__ import annotations

from core.api import Routes

routes = Routes()
