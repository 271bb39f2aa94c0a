"""`{% project_nav project "risks" %}`: a project's header and tab bar."""

from __future__ import annotations

from typing import Any

from django import template

from projects import tabs

register = template.Library()


@register.inclusion_tag("components/project_nav.html", takes_context=True)
def project_nav(
    context: template.Context, project: Any, active: str = "", heading: bool = True
) -> dict[str, Any]:
    """The project's name (the page's h1 unless `heading=False`: the page
    then has its own), status and tabs, `active` marked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "project": project,
        "active": active,
        "heading": heading,
        "tabs": tabs.for_user(user, project) if user is not None else [],
        "home_url": tabs.home_url(project),
    }
