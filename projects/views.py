"""Project pages of this app: create, edit, delete, plan approval, a
requirement's status, a document's review and the budget. Typed function
views: fetch → check → service → render. (The list, overview, timelines and
resources read across apps: portfolio/.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import uploads
from core.forms import apply_errors
from core.versioning import StaleEdit
from projects import access, selectors, services
from projects.forms import DocumentReviewForm, DocumentVersionForm, ProjectForm
from projects.models import CostEntry, Document, DocumentVersion, Project, Requirement
from projects.records import get_project


def _project_form(request: HttpRequest, instance: Project) -> ProjectForm:
    return ProjectForm(
        request.POST or None,
        instance=instance,
        may_choose_manager=access.is_admin(request.user),
        initial={"manager": instance.manager_id} if instance.manager_id else None,
    )


def _save(form: ProjectForm, save: Any) -> Project | None:
    if not form.is_valid():
        return None
    try:
        return save()  # type: ignore[no-any-return]
    except (ValidationError, StaleEdit) as error:
        apply_errors(form, error)
    return None


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not access.can(request.user, access.ADD, Project(manager=request.user)):  # type: ignore[misc]
        raise PermissionDenied
    form = _project_form(request, Project(manager=request.user))  # type: ignore[misc]
    if request.method == "POST":
        saved = _save(
            form,
            lambda: services.project_create(by=request.user, data=form.cleaned_data),
        )
        if saved is not None:
            messages.success(
                request, _("Project %(code)s created.") % {"code": saved.code}
            )
            return redirect(saved)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    access.require(request.user, access.CHANGE, project)
    form = _project_form(request, project)
    if request.method == "POST":
        saved = _save(
            form,
            lambda: services.project_update(
                project=Project.objects.get(pk=project.pk),
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Project saved."))
            return redirect(saved)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "creating": False},
        status=400 if form.errors else 200,
    )


@login_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    access.require(request.user, access.DELETE, project)
    if request.method == "POST":
        try:
            services.project_delete(project=project, by=request.user)
        except ProtectedError:
            messages.error(request, _("Other records still refer to this project."))
            return redirect(project)
        messages.success(
            request, _("Project %(code)s deleted.") % {"code": project.code}
        )
        return redirect("home")
    return render(request, "projects/project_confirm_delete.html", {"project": project})


@require_POST
@login_required
def project_approve(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    access.require(request.user, access.APPROVE, project)
    try:
        services.project_approve_plan(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Plan approved: planned dates are now the baseline and locked.")
        )
    return redirect(project)


@require_POST
@login_required
def requirement_status(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(
        Requirement.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    access.require(request.user, access.CHANGE, req)
    try:
        expected = int(request.POST.get("version") or 0) or None
        services.requirement_update(
            requirement=req,
            by=request.user,  # type: ignore[arg-type]
            data={"status": request.POST.get("status", "")},
            expected_version=expected,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except StaleEdit as error:
        messages.error(request, error.message)
    except ValueError:
        messages.error(request, _("Invalid request."))
    else:
        messages.success(
            request, _("Status changed to %(s)s.") % {"s": req.get_status_display()}
        )
    return redirect("projects:requirement_detail", req.pk)


@require_POST
@login_required
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    access.require(request.user, access.REVIEW, doc)
    form = DocumentReviewForm(request.POST)
    if form.is_valid():
        try:
            services.document_review_create(
                document=doc,
                by=request.user,  # type: ignore[arg-type]
                data=form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Review recorded."))
    else:
        messages.error(request, _("Choose a result and a date that is not ahead."))
    return redirect("projects:document_detail", doc.pk)


@require_POST
@login_required
def document_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    access.require(request.user, access.ADD, DocumentVersion(document=doc))
    form = DocumentVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_version_create(
                document=doc,
                by=request.user,  # type: ignore[arg-type]
                data=form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Version %(n)s submitted.") % {"n": version.number}
            )
    else:
        messages.error(
            request, " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
    return redirect("projects:document_detail", doc.pk)


def _month(request: HttpRequest) -> date | None:
    """The month named by ?from=YYYY-MM, or None (not given or not a month)."""
    try:
        return date.fromisoformat(request.GET.get("from", "") + "-01")
    except ValueError:
        return None


@login_required
def project_budget(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request, pk)
    access.require(request.user, access.VIEW, CostEntry(project=project))
    return render(
        request,
        "projects/project_budget.html",
        {
            "project": project,
            "report": selectors.budget_report(project, _month(request)),
            "can_add": access.can(request.user, access.ADD, CostEntry(project=project)),
        },
    )


def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's file, to whoever may read the document (404 to anyone
    else, signed out included: no login redirect tells a file exists).

    `?version=<number>` serves that DocumentVersion's file; `?v=<history id>`
    an earlier file of the document as its history kept it.
    """
    doc = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if not access.can(request.user, access.VIEW, doc):
        raise Http404
    field_file = doc.file
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404
        field_file = get_object_or_404(doc.versions.all(), number=int(number)).file
    version = request.GET.get("v", "")
    if version:
        if not version.isdigit():
            raise Http404
        old = get_object_or_404(doc.history.all(), history_id=int(version))
        name = str(getattr(old.file, "name", old.file) or "")
        field_file = FieldFile(doc, Document._meta.get_field("file"), name)
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    return uploads.file_response(field_file)
