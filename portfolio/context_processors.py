from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kpis.models import can_see_dashboards
from projects import access
from projects.models import Membership
from teams.views.skills import reads_team_pages


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Tell the base layout which menu entries the signed-in user may see."""
    user = request.user
    if not user.is_authenticated:
        return {"currency": settings.MILEPOST_CURRENCY}
    reads_everything = access.reads_everything(user)
    create_project = access.can_create_project(user)
    return {
        "currency": settings.MILEPOST_CURRENCY,
        "nav": {
            "is_admin": access.is_admin(user),
            "reads_everything": reads_everything,
            # a customer's seats show no risks, meetings or KPIs: no menu for them
            "team": reads_everything
            or create_project
            or any(  # memoised on the user: no query of its own on most pages
                role != Membership.Role.CUSTOMER_REP
                for role in access.project_roles(user).values()
            ),
            "dashboards": can_see_dashboards(user),
            "create_project": create_project,
            "team_pages": reads_team_pages(user),
        },
    }
