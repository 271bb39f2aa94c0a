"""teams REST API (DESIGN §7): one module per area registers on `routes`."""

from __future__ import annotations

from core.api import Routes

routes = Routes()

# Part 2 (issue 23): appraisals, staff cases, recruitment.
from teams import appraisal_api, part2_api  # noqa: E402

routes.registry.extend(appraisal_api.routes.registry)
routes.registry.extend(part2_api.routes.registry)
