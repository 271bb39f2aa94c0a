"""The tab bar of a project's pages, filled by the apps that own the tabs.

Each app registers its tabs in its AppConfig.ready() (`register(...)`), so
this app names none of the apps above it. `{% project_nav project "risks" %}`
(projects/templatetags/project_nav.py) draws the bar on every page of a
project with the tabs the signed-in user may open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse

if TYPE_CHECKING:
    from projects.models import Project


@dataclass(frozen=True)
class ProjectTab:
    key: str
    label: Any  # a lazy translation
    url_name: str  # reversed with the project's pk
    order: int
    # Whether the user may open it (no queries beyond the memoised roles).
    shows: Callable[[Any, Project], bool] = lambda user, project: True
    home: bool = False  # the project's own page (its get_absolute_url)


_TABS: dict[str, ProjectTab] = {}


def register(*tabs: ProjectTab) -> None:
    for tab in tabs:
        _TABS[tab.key] = tab


def all_tabs() -> list[ProjectTab]:
    return sorted(_TABS.values(), key=lambda tab: (tab.order, tab.key))


def for_user(user: Any, project: Project) -> list[tuple[ProjectTab, str]]:
    """The tabs user may open on project, with their URLs, in order."""
    return [
        (tab, reverse(tab.url_name, args=[project.pk]))
        for tab in all_tabs()
        if tab.shows(user, project)
    ]


def home_url(project: Project) -> str:
    """The URL of the project's own page: the tab registered as home, else
    the first tab."""
    tabs = all_tabs()
    home = next((tab for tab in tabs if tab.home), tabs[0] if tabs else None)
    if home is None:
        raise LookupError("no project tab is registered")
    return reverse(home.url_name, args=[project.pk])
