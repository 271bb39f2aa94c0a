"""The cached filter bar (projects/templatetags/filter_bar.py)."""

from __future__ import annotations

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict
from django.template import Context, Template

from accounts.models import Department
from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

BAR = Template('{% load filter_bar %}{% filter_fields form "col" %}')


def bar(query: str = "") -> str:
    form = ProjectFilter(QueryDict(query), queryset=Project.objects.all()).form
    return BAR.render(Context({"form": form}))


def crispy(query: str = "") -> str:
    form = ProjectFilter(QueryDict(query), queryset=Project.objects.all()).form
    return "".join(f'<div class="col">{as_crispy_field(f)}</div>' for f in form)


def test_the_bar_is_crispys_html_whether_cached_or_not():
    DepartmentFactory(name="Platform")
    assert bar() == crispy()
    assert bar() == crispy()  # the second one comes from the cache


def test_a_renamed_choice_shows_at_once():
    dept = DepartmentFactory(name="Platform")
    assert "Platform" in bar()
    Department.objects.filter(pk=dept.pk).update(name="Platform and Tools")
    assert "Platform and Tools" in bar()


def test_the_chosen_values_and_errors_are_the_requests_own(django_assert_num_queries):
    dept = DepartmentFactory(name="Platform")
    plain = bar()
    chosen = bar(f"department={dept.pk}&status=active&q=alpha")
    assert chosen != plain
    assert f'value="{dept.pk}" selected' in chosen
    assert 'value="alpha"' in chosen
    wrong = bar("department=999999")
    assert "is-invalid" in wrong or "invalid-feedback" in wrong
    assert bar() == plain


def test_choices_are_read_once_hit_or_miss(django_assert_num_queries):
    DepartmentFactory(name="Platform")
    # department and manager choices: one query each, never a COUNT first.
    with django_assert_num_queries(2):
        bar("q=first")
    with django_assert_num_queries(2):
        bar("q=first")
