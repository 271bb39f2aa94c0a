"""Small helpers for the end-to-end journeys: a person's clicks, not posts."""

from __future__ import annotations

from datetime import date

from django.utils import formats, translation


def shown(day: date) -> str:
    """A date as the pages show it (SHORT_DATE_FORMAT of the page language)."""
    with translation.override("en"):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def iso(day: date) -> str:
    """A date as a person types it into an <input type="date">."""
    return day.isoformat()


def tab(page, name: str) -> None:
    """Open one of the project's tabs (Overview, Milestones, Risks, ...)."""
    page.locator("ul.nav-tabs").get_by_role("link", name=name, exact=True).click()


def expect_message(page, text: str) -> None:
    """The green/red flash message the page shows after a save."""
    from playwright.sync_api import expect

    expect(page.locator(".alert").filter(has_text=text).first).to_be_visible()


def field(scope, label: str):
    """The input labelled exactly `label` (crispy marks required ones with *)."""
    import re

    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def crumb(page, name: str) -> None:
    """Follow a link back up: the project's code in its header, or a
    breadcrumb (register, problem log, ...)."""
    page.locator(".breadcrumb, .page-header").get_by_role(
        "link", name=name, exact=True
    ).first.click()
