from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from projects import access
from projects.models import Project


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's projects: what they manage and what they belong to."""
    projects = (
        Project.objects.visible_to(request.user)
        .exclude(status__in=[Project.Status.CLOSED, Project.Status.CANCELLED])
        .select_related("manager", "department")
        .annotate(
            open_risks=Count("risks", filter=Q(risks__status="open"), distinct=True),
            open_issues=Count(
                "issues", filter=Q(issues__resolved_at__isnull=True), distinct=True
            ),
        )
        .order_by("target_date", "code")
    )
    if access.is_full_reader(request.user):
        # Directors and admins read everything: home shows the managed and
        # joined ones first, the rest is on the project list.
        roles = access.project_roles(request.user)
        mine = projects.filter(pk__in=list(roles)) if roles else projects.none()
        projects = mine if roles else projects
    page = projects[:24]
    return render(
        request,
        "accounts/home.html",
        {
            "projects": page,
            "can_create_project": access.can_create_project(request.user),
            "is_full_reader": access.is_full_reader(request.user),
        },
    )


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
