from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from accounts import services
from projects import access
from projects.models import Membership, Project
from risks.models import Issue, Risk


def _count(qs: QuerySet[Any]) -> Coalesce:
    rows = qs.filter(project=OuterRef("pk")).order_by().values("project")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's projects: what they manage and what they belong to."""
    order = ("target_date", "code")
    projects = (
        Project.objects.visible_to(request.user)
        .exclude(status__in=[Project.Status.CLOSED, Project.Status.CANCELLED])
        .order_by(*order)
    )
    full_reader = access.is_full_reader(request.user)
    if full_reader and (mine := access.project_roles(request.user)):
        # Directors and admins read everything: home shows the projects they
        # manage or joined, if any; the rest is on the project list.
        projects = projects.filter(pk__in=list(mine))
    # The first 24 ids carry the conditions; the outer query reads those rows
    # by key and counts for them only (correlated subqueries, no GROUP BY).
    page = (
        Project.objects.select_related("manager", "department")
        .order_by(*order)
        .filter(pk__in=projects.values("pk")[:24])
    ).annotate(
        open_risks=_count(Risk.objects.filter(status=Risk.Status.OPEN)),
        open_issues=_count(Issue.objects.filter(resolved_at__isnull=True)),
    )
    return render(
        request,
        "accounts/home.html",
        {
            "projects": page,
            "can_create_project": access.can_create_project(request.user),
            "is_full_reader": full_reader,
        },
    )


def _profile_context(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "groups": list(user.groups.order_by("name").values_list("name", flat=True)),
        "memberships": Membership.objects.filter(user=user)
        .select_related("project")
        .order_by("project__code"),
        "managed": Project.objects.filter(manager=user).order_by("code"),
        "token": Token.objects.filter(user=user).first(),
    }


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own details and API token (created and revoked here)."""
    return render(request, "accounts/profile.html", _profile_context(request))


@never_cache
@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    # The key is shown on this response only (not stored in a message
    # cookie, not on later visits): the user copies it now.
    token = services.token_create(user=request.user)
    context = _profile_context(request) | {"new_key": token.key}
    return render(request, "accounts/profile.html", context)


@require_POST
@login_required
def token_revoke(request: HttpRequest) -> HttpResponse:
    if services.token_revoke(user=request.user):
        messages.success(request, _("Your API token was revoked; it no longer works."))
    else:
        messages.info(request, _("You had no API token to revoke."))
    return redirect("profile")


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
