from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kpis.models import can_see_dashboards
from projects import access
from teams.views.skills import reads_team_pages


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Tell the base layout which menu entries the signed-in user may see."""
    user = request.user
    if not user.is_authenticated:
        return {"currency": settings.MILEPOST_CURRENCY}
    return {
        "currency": settings.MILEPOST_CURRENCY,
        "nav": {
            "is_admin": access.is_admin(user),
            "reads_everything": access.reads_everything(user),
            "dashboards": can_see_dashboards(user),
            "create_project": access.can_create_project(user),
            "team": reads_team_pages(user),
        },
    }
