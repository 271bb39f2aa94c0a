from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from projects.models import Project


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related(
            "manager", "department"
        ),
        pk=pk,
    )
    return render(request, "projects/project_detail.html", {"project": project})
