"""List filters fold away on phones (issue 19): a "Filters" button below the
md breakpoint, the panel open on wider screens, and open on phones too while
a filter is set. Choice lists offer "All", never django-filter's dashes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts import roles
from tests.factories import DepartmentFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    found = re.search(
        r'<div class="collapse d-md-block[^"]*" id="filters-panel">', html
    )
    assert found, "no filter panel"
    return found.group(0)


@pytest.mark.parametrize(
    "url",
    [
        "portfolio:project_list",
        "risks:register_all",
        "risks:issue_list_all",
        "changes:list_all",
        "reviews:meeting_list_all",
    ],
)
def test_list_filters_fold_behind_a_button_on_phones(client, url):
    client.force_login(UserFactory(role=roles.DIRECTOR))

    html = client.get(reverse(url)).content.decode()

    assert 'data-bs-target="#filters-panel"' in html
    assert 'aria-expanded="false"' in html
    assert " show" not in _panel(html)  # folded on phones, shown from md up


def test_a_set_filter_keeps_the_panel_open_with_its_count(client):
    client.force_login(UserFactory(role=roles.DIRECTOR))
    url = reverse("portfolio:project_list")

    sorted_only = client.get(url + "?ordering=code").content.decode()
    filtered = client.get(url + "?status=active&q=x&ordering=code").content.decode()

    assert " show" not in _panel(sorted_only)
    assert " show" in _panel(filtered)
    assert 'aria-expanded="true"' in filtered
    assert '<span class="badge text-bg-primary">2</span>' in filtered


def test_model_choice_filters_offer_all_not_dashes(client):
    DepartmentFactory(name="Delivery")
    ProjectFactory()
    client.force_login(UserFactory(role=roles.DIRECTOR))

    html = client.get(reverse("portfolio:project_list")).content.decode()

    department = html[html.index('name="department"') :]
    department = department[: department.index("</select>")]
    assert '<option value="" selected>All</option>' in department
    assert "---------" not in html


@pytest.mark.parametrize(
    ("url", "plain", "filtered"),
    [
        ("reviews:meeting_list_all", "No meetings yet", "No meetings match these"),
        ("risks:issue_list_all", "No issues yet", "No issues match these"),
        ("changes:list_all", "No change requests yet", "No change requests match"),
        ("portfolio:project_list", "No projects yet", "No projects match these"),
    ],
)
def test_empty_list_blames_the_filters_only_when_one_is_set(
    client, url, plain, filtered
):
    client.force_login(UserFactory(role=roles.DIRECTOR))

    unfiltered = client.get(reverse(url)).content.decode()
    sorted_only = client.get(reverse(url) + "?o=title&ordering=code").content.decode()
    searched = client.get(reverse(url) + "?q=nothing-like-this").content.decode()

    assert plain in unfiltered
    assert filtered not in unfiltered
    assert plain in sorted_only  # a sort is not a filter
    assert filtered in searched
