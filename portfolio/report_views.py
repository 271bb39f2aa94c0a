"""Report packs: printable pages, PDF and XLSX downloads, subscriptions and
the signed unsubscribe link. Typed function views: fetch → check → read →
render; every report is read for the signed-in user (reports.build)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Department, User
from core.exports import XLSX_TYPE
from core.pagination import CappedPaginator
from kpis.models import can_see_dashboards
from portfolio import reports, services
from portfolio.models import ReportDelivery, ReportSubscription
from projects.records import get_project

FORMATS = (None, "pdf", "xlsx")


def _scope_or_404(request: HttpRequest, scope_type: str, key: int) -> Any:
    scope = reports.resolve_scope(request.user, scope_type, key)
    if scope is None:
        raise Http404
    return scope


def _report_or_404(request: HttpRequest, key: str, scope: Any) -> reports.Report:
    report = reports.REPORTS.get(key)
    if report is None or scope.scope_type not in report.scopes:
        raise Http404
    if not report.allowed(request.user, scope):
        raise Http404  # a report its reader may not see does not exist for them
    return report


def _urls(report: reports.Report, scope: Any) -> dict[str, str]:
    if scope.scope_type == reports.PROJECT:
        base = reverse("portfolio:project_report", args=[scope.key, report.key])
        pdf = reverse(
            "portfolio:project_report_file", args=[scope.key, report.key, "pdf"]
        )
        xlsx = reverse(
            "portfolio:project_report_file", args=[scope.key, report.key, "xlsx"]
        )
    else:
        base = reverse("portfolio:scorecard_report", args=[scope.scope_type, scope.key])
        pdf = reverse(
            "portfolio:scorecard_report_file", args=[scope.scope_type, scope.key, "pdf"]
        )
        xlsx = reverse(
            "portfolio:scorecard_report_file",
            args=[scope.scope_type, scope.key, "xlsx"],
        )
    subscribe = reverse("portfolio:subscribe") + (
        f"?report={report.key}&scope_type={scope.scope_type}&key={scope.key}"
    )
    return {
        "page_url": base,
        "pdf_url": pdf,
        "xlsx_url": xlsx,
        "subscribe_url": subscribe,
    }


def _respond(
    request: HttpRequest, report: reports.Report, scope: Any, fmt: str | None
) -> HttpResponse:
    if fmt not in FORMATS or (fmt == "xlsx" and not report.tabular):
        raise Http404
    context = reports.build(report, request.user, scope)
    context["base_url"] = request.build_absolute_uri("/").rstrip("/")
    name = reports.filename(report, scope, context["as_of"])
    if fmt == "pdf":
        response = HttpResponse(
            reports.pdf_bytes(context), content_type="application/pdf"
        )
    elif fmt == "xlsx":
        response = HttpResponse(reports.xlsx_bytes(context), content_type=XLSX_TYPE)
    else:
        context |= _urls(report, scope) | {"layout": "portfolio/reports/page.html"}
        return render(request, report.template, context)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def project_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The project's Reports tab: the reports this user may read."""
    project = get_project(request, pk)
    scope = reports.ReportScope(
        reports.PROJECT, project.pk, f"{project.code} {project.name}", project
    )
    rows = [
        {"report": r, **_urls(r, scope)}
        for r in reports.reports_for(reports.PROJECT)
        if r.allowed(request.user, scope)
    ]
    return render(
        request,
        "portfolio/reports/project_reports.html",
        {"project": project, "rows": rows},
    )


@login_required
def project_report(
    request: HttpRequest, pk: int, key: str, fmt: str | None = None
) -> HttpResponse:
    scope = _scope_or_404(request, reports.PROJECT, pk)
    return _respond(request, _report_or_404(request, key, scope), scope, fmt)


@login_required
def scorecard_report(
    request: HttpRequest, scope_type: str, key: int, fmt: str | None = None
) -> HttpResponse:
    scope = _scope_or_404(request, scope_type, key)
    return _respond(request, _report_or_404(request, "scorecard", scope), scope, fmt)


# ------------------------------------------------------------ subscriptions


class SubscriptionForm(forms.Form):
    report = forms.ChoiceField(label=gettext_lazy("Report"))
    scope_type = forms.ChoiceField(
        choices=ReportSubscription.ScopeType.choices, widget=forms.HiddenInput
    )
    key = forms.IntegerField(min_value=0, initial=0, widget=forms.HiddenInput)
    subscribers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Subscribers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Empty: subscribe yourself."),
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Frequency"), choices=ReportSubscription.Frequency.choices
    )
    day = forms.IntegerField(
        label=gettext_lazy("Day"),
        min_value=1,
        max_value=28,
        initial=1,
        help_text=gettext_lazy(
            "Weekly: the day of the week (1 = Monday … 7 = Sunday). "
            "Monthly: the day of the month (1–28)."
        ),
    )

    def __init__(
        self, *args: Any, scope: Any = None, people: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [
            (r.key, r.label)
            for r in reports.REPORTS.values()
            if scope is None or scope.scope_type in r.scopes
        ]
        if people is not None:
            self.fields["subscribers"].queryset = people
        else:
            del self.fields["subscribers"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("frequency") == ReportSubscription.Frequency.WEEKLY
            and (data.get("day") or 0) > 7
        ):
            self.add_error(
                "day", _("For a weekly report, choose a day from 1 (Monday) to 7.")
            )
        return data


def _people_for(request: HttpRequest, scope: Any) -> Any:
    """Whom the user may subscribe besides themselves (None: only themselves)."""
    if scope is None or not services.may_subscribe_others(request.user, scope):
        return None
    people = User.objects.filter(is_active=True).order_by("last_name", "username")
    if scope.scope_type == reports.PROJECT:
        project = scope.obj
        return people.filter(
            pk__in=project.memberships.values("user_id")
        ) | people.filter(pk=project.manager_id)
    if scope.scope_type == reports.DEPARTMENT:
        ids = Department.objects.subtree_ids(scope.key)
        return people.filter(department_id__in=ids)
    return people


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    """The user's own subscriptions and those they set up, with the last send."""
    newest = ReportDelivery.objects.filter(subscription=OuterRef("pk")).order_by(
        "-period", "-pk"
    )
    rows = (
        ReportSubscription.objects.visible_to(request.user)
        .select_related("user", "project", "department")
        .annotate(
            last_status=Subquery(newest.values("status")[:1]),
            last_period=Subquery(newest.values("period")[:1]),
            last_error=Subquery(newest.values("error")[:1]),
        )
        .order_by("-active", "report", "pk")
    )
    page = CappedPaginator(rows, 25).get_page(request.GET.get("page"))
    scorecards = can_see_dashboards(request.user)
    return render(
        request,
        "portfolio/reports/subscriptions.html",
        {
            "page_obj": page,
            "statuses": dict(ReportDelivery.Status.choices),
            "scorecards": scorecards,
            "departments": (
                list(Department.objects.order_by("name")[:50]) if scorecards else []
            ),
        },
    )


@login_required
def subscribe(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    scope = None
    try:
        scope = reports.resolve_scope(
            request.user, source.get("scope_type", ""), int(source.get("key", "0"))
        )
    except ValueError:
        scope = None
    people = _people_for(request, scope)
    if request.method != "POST":
        form = SubscriptionForm(initial=request.GET.dict(), scope=scope, people=people)
        return render(
            request,
            "portfolio/reports/subscribe.html",
            {"form": form, "scope": scope},
        )
    form = SubscriptionForm(request.POST, scope=scope, people=people)
    if form.is_valid():
        data = form.cleaned_data
        report = reports.REPORTS[data["report"]]
        if scope is None:
            form.add_error(
                None,
                _("There is no such project or department, or you may not see it."),
            )
        else:
            readers = list(data.get("subscribers") or []) or [request.user]
            try:
                for reader in readers:
                    services.subscription_create(
                        by=request.user,
                        user=reader,
                        report=report,
                        scope=scope,
                        frequency=data["frequency"],
                        day=data["day"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Subscribed: %(report)s of %(scope)s.")
                    % {"report": report.label, "scope": scope.name},
                )
                return redirect("portfolio:subscriptions")
    return render(
        request,
        "portfolio/reports/subscribe.html",
        {"form": form, "scope": scope},
        status=400,
    )


@require_POST
@login_required
def subscription_end(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(
        ReportSubscription.objects.visible_to(request.user), pk=pk
    )
    services.subscription_end(subscription=subscription)
    messages.success(request, _("Unsubscribed."))
    return redirect("portfolio:subscriptions")


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail's link: works signed out (the token is signed). GET asks,
    POST ends the subscription, so a mail scanner's prefetch changes nothing."""
    subscription = services.subscription_from_token(token)
    if subscription is None:
        return render(
            request, "portfolio/reports/unsubscribe.html", {"invalid": True}, status=404
        )
    done = False
    if request.method == "POST":
        services.subscription_end(subscription=subscription)
        done = True
    return render(
        request,
        "portfolio/reports/unsubscribe.html",
        {"subscription": subscription, "done": done, "today": timezone.localdate()},
    )
