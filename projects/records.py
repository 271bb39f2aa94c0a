"""List / detail / create / edit / delete pages for a project's records.

Phases, requirements, documents, cost entries, memberships (and milestones,
from the milestones app) share one set of typed views, configured by a
`RecordKind` that names the service of each write. Each view is fetch
(visible_to → 404) → check (access.require → 403) → service → render, with a
fixed number of queries per page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import formats
from django.utils.translation import gettext as _

from core.forms import apply_errors
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from projects.forms import RecordForm
from projects.models import Project

PAGE_SIZE = 25
CreateFn = Callable[..., models.Model]  # (*, project, by, data)
UpdateFn = Callable[..., models.Model]  # (instance, *, by, data, expected_version)
DeleteFn = Callable[..., None]  # (instance, *, by)


@dataclass(frozen=True)
class Column:
    label: str
    path: str
    sort: str | None = None
    link: bool = False
    numeric: bool = False


@dataclass
class RecordKind:
    key: str
    model: type[models.Model]
    form_class: type[RecordForm]
    filterset: type[Any]
    columns: list[Column]
    singular: Any
    plural: Any
    namespace: str = "projects"
    prefix: str = ""
    segment: str = ""
    icon: str = "list"
    tab: str = ""
    select_related: tuple[str, ...] = ()
    detail_fields: tuple[str, ...] = ()
    default_ordering: tuple[str, ...] = ()
    probe: dict[str, Any] = field(default_factory=dict)
    # The services each page calls (one per action, see <app>/services.py).
    create: CreateFn | None = None
    update: UpdateFn | None = None
    delete: DeleteFn | None = None
    row_class: Callable[[Any], str] | None = None
    detail_template: str | None = None
    detail_context: Callable[[HttpRequest, Any], dict[str, Any]] | None = None
    multipart: bool = False

    def url(self, name: str) -> str:
        return f"{self.namespace}:{self.prefix}{name}"


# ------------------------------------------------------------------ display


def display(obj: Any, path: str) -> Any:
    """Return obj's value at a dotted path, as the page shows it."""
    value: Any = obj
    parts = path.split(".")
    for index, part in enumerate(parts):
        if value is None:
            break
        model_field = None
        if isinstance(value, models.Model):
            try:
                model_field = value._meta.get_field(part)
            except Exception:
                model_field = None
        if (
            model_field is not None
            and getattr(model_field, "choices", None)
            and index == len(parts) - 1
        ):
            value = getattr(value, f"get_{part}_display")()
        else:
            value = getattr(value, part)
            if callable(value) and not isinstance(value, models.Manager):
                value = value()
    return fmt(value)


def fmt(value: Any) -> Any:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value else "—"
    return value


def field_rows(obj: models.Model, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    rows = []
    for name in names:
        label = str(obj._meta.get_field(name).verbose_name)
        rows.append((label[:1].upper() + label[1:], display(obj, name)))
    return rows


# ------------------------------------------------------------------ helpers


def get_project(request: HttpRequest, project_pk: int) -> Project:
    """The project a page is about, if the user may see it (else 404)."""
    return get_object_or_404(
        Project.objects.visible_to(request.user).select_related("manager"),
        pk=project_pk,
    )


def _object(request: HttpRequest, kind: RecordKind, pk: int) -> Any:
    qs = kind.model._default_manager.select_related(
        "project", "project__manager", *kind.select_related
    )
    obj = get_object_or_404(qs.visible_to(request.user), pk=pk)
    access.require(request.user, access.VIEW, obj)
    return obj


def _base(request: HttpRequest, kind: RecordKind, project: Project) -> dict[str, Any]:
    return {"kind": kind, "project": project, "active_tab": kind.tab or kind.key}


# ------------------------------------------------------------------ views


def record_list(
    request: HttpRequest, project_pk: int, kind: RecordKind
) -> HttpResponse:
    project = get_project(request, project_pk)
    probe = kind.model(project=project, **kind.probe)
    access.require(request.user, access.VIEW, probe)
    rows = kind.model._default_manager.filter(project=project)
    if kind.select_related:  # a bare select_related() is deprecated in Django 6.1
        rows = rows.select_related(*kind.select_related)
    qs = rows.visible_to(request.user)
    if kind.default_ordering:
        qs = qs.order_by(*kind.default_ordering)
    filterset = kind.filterset(request.GET or None, queryset=qs)
    records = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
    page = CappedPaginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "obj": obj,
            "cells": [(col, display(obj, col.path)) for col in kind.columns],
            "css": kind.row_class(obj) if kind.row_class else "",
            "url": reverse(kind.url("detail"), args=[obj.pk]),
        }
        for obj in page.object_list
    ]
    context = _base(request, kind, project) | {
        "filter": filterset,
        "page_obj": page,
        "rows": rows,
        "sort": request.GET.get("ordering", ""),
        "can_add": access.can(request.user, access.ADD, probe),
    }
    template = "projects/record_list.html"
    if getattr(request, "htmx", False):
        template += "#record-table"
    return render(request, template, context)


def _save_form(
    request: HttpRequest, form: RecordForm, save: Callable[[], models.Model]
) -> models.Model | None:
    if not form.is_valid():
        return None
    try:
        return save()
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
    return None


def record_create(
    request: HttpRequest, project_pk: int, kind: RecordKind
) -> HttpResponse:
    project = get_project(request, project_pk)
    access.require(request.user, access.ADD, kind.model(project=project, **kind.probe))
    form = kind.form_class(
        request.POST or None,
        request.FILES or None,
        instance=kind.model(project=project),
        project=project,
    )
    if request.method == "POST":
        assert kind.create is not None  # noqa: S101 - every record kind names one
        saved = _save_form(
            request,
            form,
            lambda: kind.create(
                project=project, by=request.user, data=form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("%(what)s saved.") % {"what": kind.singular})
            return redirect(kind.url("detail"), saved.pk)
    context = _base(request, kind, project) | {"form": form, "creating": True}
    return render(
        request,
        "projects/record_form.html",
        context,
        status=400 if form.errors else 200,
    )


def record_detail(request: HttpRequest, pk: int, kind: RecordKind) -> HttpResponse:
    obj = _object(request, kind, pk)
    context = _base(request, kind, obj.project) | {
        "obj": obj,
        "fields": field_rows(obj, kind.detail_fields),
        "history": history_rows(obj),
        "can_edit": access.can(request.user, access.CHANGE, obj),
        "can_delete": access.can(request.user, access.DELETE, obj),
    }
    if kind.detail_context:
        context |= kind.detail_context(request, obj)
    return render(request, "projects/record_detail.html", context)


def record_edit(request: HttpRequest, pk: int, kind: RecordKind) -> HttpResponse:
    obj = _object(request, kind, pk)
    access.require(request.user, access.CHANGE, obj)
    form = kind.form_class(
        request.POST or None, request.FILES or None, instance=obj, project=obj.project
    )
    if request.method == "POST":
        assert kind.update is not None  # noqa: S101 - every record kind names one
        saved = _save_form(
            request,
            form,
            lambda: kind.update(
                kind.model._default_manager.get(pk=obj.pk),
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("%(what)s saved.") % {"what": kind.singular})
            return redirect(kind.url("detail"), saved.pk)
    context = _base(request, kind, obj.project) | {
        "form": form,
        "obj": obj,
        "creating": False,
    }
    return render(
        request,
        "projects/record_form.html",
        context,
        status=400 if form.errors else 200,
    )


def record_delete(request: HttpRequest, pk: int, kind: RecordKind) -> HttpResponse:
    obj = _object(request, kind, pk)
    access.require(request.user, access.DELETE, obj)
    project = obj.project
    if request.method == "POST":
        assert kind.delete is not None  # noqa: S101 - every record kind names one
        try:
            kind.delete(obj, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(kind.url("detail"), obj.pk)
        except ProtectedError:
            messages.error(
                request, _("Other records still refer to this one; remove them first.")
            )
            return redirect(kind.url("detail"), obj.pk)
        messages.success(request, _("%(what)s deleted.") % {"what": kind.singular})
        return redirect(kind.url("list"), project.pk)
    return render(
        request,
        "projects/record_confirm_delete.html",
        _base(request, kind, project) | {"obj": obj},
    )


def record_urls(kind: RecordKind) -> list[URLPattern]:
    """URL patterns for a kind: <prefix>list|create|detail|edit|delete."""
    seg, pre = kind.segment, kind.prefix

    def bind(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def bound(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            return view(request, kind=kind, **kwargs)

        bound.__name__ = f"{kind.key}_{view.__name__.removeprefix('record_')}"
        return login_required(bound)

    return [
        path(f"projects/<int:project_pk>/{seg}/", bind(record_list), name=f"{pre}list"),
        path(
            f"projects/<int:project_pk>/{seg}/new/",
            bind(record_create),
            name=f"{pre}create",
        ),
        path(f"{seg}/<int:pk>/", bind(record_detail), name=f"{pre}detail"),
        path(f"{seg}/<int:pk>/edit/", bind(record_edit), name=f"{pre}edit"),
        path(f"{seg}/<int:pk>/delete/", bind(record_delete), name=f"{pre}delete"),
    ]
