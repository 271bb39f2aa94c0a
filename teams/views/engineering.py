"""Pages of technical reviews (the company's review log and each project's),
technical plans with their radar, technical standards and purchase plans.
Fetch through `visible_to` (404 else), then the service decides (403/400)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.models import User
from core import uploads
from core.forms import VersionedForm, apply_errors, no_tag_helper
from core.history import history_rows
from core.pagination import CappedPaginator
from core.versioning import StaleEdit
from projects import access
from projects.models import Project
from teams import approvals
from teams import engineering_services as services
from teams.engineering_filters import (
    PurchasePlanFilter,
    TechnicalReviewFilter,
    TechPlanFilter,
    TechStandardFilter,
)
from teams.models.engineering import (
    PUBLISH_STANDARD,
    KeyResult,
    PurchaseItem,
    PurchasePlan,
    ReviewCondition,
    TechIntroduction,
    TechnicalReview,
    TechObjective,
    TechPlan,
    TechStandard,
)
from teams.radar import radar
from teams.views.cases import StepForm

PAGE_SIZE = 25


def _people(user: Any) -> Any:
    return access.visible_users(user, User.objects.filter(is_active=True)).order_by(
        "last_name", "first_name", "username"
    )


def _holds(request: HttpRequest, record: Any) -> bool:
    step = record.due_step()
    return step is not None and access.may_take_step(
        request.user, record, step, record.author_id
    )


def _is_author(request: HttpRequest, record: Any) -> bool:
    return request.user.pk == record.author_id or roles.is_admin(request.user)


def _fail(form: forms.BaseForm, error: ValidationError | StaleEdit) -> None:
    apply_errors(form, error)


# ------------------------------------------------------- technical reviews


class TechnicalReviewForm(VersionedForm):
    class Meta:
        model = TechnicalReview
        fields = ["title", "project", "proposal", "options", "document", "reviewers"]
        widgets = {
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "options": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = Project.objects.visible_to(user).order_by("code")
        self.fields["project"].queryset = projects
        self.fields["reviewers"].queryset = _people(user)
        self.fields["reviewers"].required = False

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload and upload is not getattr(self.instance, "document", None):
            uploads.validate_upload(upload)
        return upload


class ConditionForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Condition"), required=False)
    owner = forms.ModelChoiceField(
        User.objects.none(),
        label=gettext_lazy("Owner"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def has_content(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("description", "owner", "due_date"))


CONDITION_ROWS = 3


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=TechnicalReview.Decision.choices
    )
    rationale = forms.CharField(
        label=gettext_lazy("Rationale"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


def _condition_forms(request: HttpRequest, data: Any = None) -> list[ConditionForm]:
    people = roles.holders(_people(request.user), ReviewCondition.OWNER_CAPABILITY)
    found = []
    for n in range(CONDITION_ROWS):
        form = ConditionForm(data, prefix=f"c{n}")
        form.fields["owner"].queryset = people
        found.append(form)
    return found


def _reader(request: HttpRequest, model: Any) -> None:
    """List pages are 404 to those who may read none of the model's rows
    (customers): nothing tells them the team's records exist."""
    if not roles.has_capability(
        request.user, access.model_permission(model, access.VIEW)
    ):
        raise Http404


def _reviews(request: HttpRequest) -> Any:
    return TechnicalReview.objects.visible_to(request.user).select_related(
        "project", "author", "decided_by"
    )


def _review(request: HttpRequest, pk: int) -> TechnicalReview:
    return get_object_or_404(_reviews(request), pk=pk)


def show_projects(user: Any, reviews: Any) -> None:
    """Set each review's `shown_project`: its project when the reader may
    open it, else None (HR and reviewers outside the project read the
    review, not the project's name). One query for the lot."""
    reviews = list(reviews)
    ids = {r.project_id for r in reviews if r.project_id is not None}
    readable = (
        set(
            Project.objects.visible_to(user)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if ids
        else set()
    )
    for review in reviews:
        review.shown_project = review.project if review.project_id in readable else None


def _review_list_context(
    request: HttpRequest, rows: Any, projects: Any = None
) -> dict[str, Any]:
    found = TechnicalReviewFilter(
        request.GET or None,
        queryset=rows,
        projects=projects,
        people=_people(request.user),
    )
    rows = found.qs.annotate(
        open_conditions=Count("conditions", filter=Q(conditions__completed_on=None))
    ).order_by("-created_at", "-pk")
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    show_projects(request.user, page.object_list)
    return {
        "page_obj": page,
        "filter": found,
        "can_add": roles.has_capability(request.user, services.ADD_REVIEW),
    }


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The company's review log: every review the reader may see."""
    _reader(request, TechnicalReview)
    projects = (
        Project.objects.visible_to(request.user)
        .filter(technical_reviews__isnull=False)
        .distinct()
        .order_by("code")
    )
    context = _review_list_context(request, _reviews(request), projects)
    return render(request, "teams/technicalreview_list.html", context)


@login_required
def project_reviews(request: HttpRequest, project_pk: int) -> HttpResponse:
    """A project's review log (the project's tab)."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_pk)
    if not roles.has_capability(request.user, "teams.view_technicalreview"):
        raise Http404
    if access.role_in(request.user, project) == "customer_rep":
        raise Http404
    context = _review_list_context(request, _reviews(request).filter(project=project))
    context["project"] = project
    return render(request, "teams/project_technical_reviews.html", context)


@login_required
def review_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, services.ADD_REVIEW):
        raise PermissionDenied
    initial = {}
    if request.GET.get("project", "").isdigit():
        initial["project"] = request.GET["project"]
    form = TechnicalReviewForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )

    def save(data: dict[str, Any]) -> TechnicalReview:
        reviewers = data.pop("reviewers", [])
        return services.technical_review_create(
            by=request.user, data=data, reviewers=reviewers
        )

    return _save_page(
        request,
        form,
        save,
        done=_("Technical review saved as a draft."),
        title=_("New technical review"),
        back=(reverse("teams:technical_reviews"), _("Technical reviews")),
    )


def _form_page(
    request: HttpRequest, form: Any, title: str, back_url: str, back_label: str
) -> HttpResponse:
    return render(
        request,
        "teams/record_form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "back_label": back_label,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _save_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    title: str,
    back: tuple[str, str],
) -> HttpResponse:
    """A record's new or edit page: on a valid POST `save(data)` (the form's
    data without its version) and go to the record it returns; the service's
    refusals and a stale edit land on the form, which is shown again (400)."""
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            record = save(data)
        except (ValidationError, StaleEdit) as error:
            _fail(form, error)
        else:
            messages.success(request, done)
            return redirect(record)
    return _form_page(request, form, title, *back)


@login_required
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not _is_author(request, review):
        raise PermissionDenied
    form = TechnicalReviewForm(
        request.POST or None, request.FILES or None, instance=review, user=request.user
    )

    def save(data: dict[str, Any]) -> TechnicalReview:
        reviewers = data.pop("reviewers", [])
        return services.technical_review_update(
            review=review,
            by=request.user,
            data=data,
            reviewers=reviewers,
            expected_version=form.expected_version,
        )

    return _save_page(
        request,
        form,
        save,
        done=_("Saved."),
        title=_("Edit technical review"),
        back=(review.get_absolute_url(), str(review)),
    )


def _review_detail(
    request: HttpRequest,
    review: TechnicalReview,
    *,
    form: Any = None,
    decision_form: Any = None,
    condition_forms: Any = None,
    status: int = 200,
) -> HttpResponse:
    holds = _holds(request, review)
    return render(
        request,
        "teams/technicalreview_detail.html",
        {
            "review": review,
            "step": review.due_step(),
            "holds": holds,
            "holder": approvals.holder_label(review) if review.due_step() else "",
            "can_edit": review.editable and _is_author(request, review),
            "can_submit": review.editable and _is_author(request, review),
            "form": form or StepForm(initial={"version": review.version}),
            "decision_form": decision_form
            or DecisionForm(initial={"version": review.version}),
            "condition_forms": condition_forms or _condition_forms(request),
            "reviewers": list(review.reviewers.all()),
            # HR and reviewers outside the project read the review, not it.
            "project_link": review.project is not None
            and access.can(request.user, access.VIEW, review.project),
            "rounds": list(review.rounds.select_related("decided_by")),
            "conditions": list(review.conditions.select_related("owner")),
            "steps": list(approvals.steps_of(review)),
            "history": history_rows(review),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_detail(request, _review(request, pk))


@require_POST
@login_required
def review_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit (the author) or return (the director whose decision is due)."""
    review = _review(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _review_detail(request, review, form=form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    try:
        if what == "submit":
            services.technical_review_submit(
                review=review,
                by=request.user,
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        elif what == "return":
            services.technical_review_return(
                review=review,
                by=request.user,
                reason=data["reason"],
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        else:
            raise ValidationError(_("Choose submit or return."))
    except (ValidationError, StaleEdit) as error:
        _fail(form, error)
        return _review_detail(request, review, form=form, status=400)
    messages.success(request, _("Done."))
    return redirect(review)


@require_POST
@login_required
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not services.may_decide(request.user, review):
        raise PermissionDenied  # before the form: whatever was sent
    form = DecisionForm(request.POST)
    rows = _condition_forms(request, request.POST)
    valid = form.is_valid() & all(row.is_valid() for row in rows)
    if not valid:
        return _review_detail(
            request, review, decision_form=form, condition_forms=rows, status=400
        )
    conditions = [row.cleaned_data for row in rows if row.has_content()]
    try:
        services.technical_review_decide(
            review=review,
            by=request.user,
            decision=form.cleaned_data["decision"],
            rationale=form.cleaned_data["rationale"],
            conditions=conditions,
            expected_version=form.cleaned_data.get("version"),
        )
    except (ValidationError, StaleEdit) as error:
        _fail(form, error)
        return _review_detail(
            request, review, decision_form=form, condition_forms=rows, status=400
        )
    messages.success(request, _("Decision recorded."))
    return redirect(review)


def review_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal's document, to those who may see the review: 404 to
    anyone else, signed out included."""
    review = _review(request, pk)
    if not review.document or not review.document.storage.exists(review.document.name):
        raise Http404
    return uploads.file_response(review.document)


@require_POST
@login_required
def condition_done(request: HttpRequest, pk: int) -> HttpResponse:
    condition = get_object_or_404(
        ReviewCondition.objects.visible_to(request.user).select_related("review"),
        pk=pk,
    )
    services.review_condition_complete(condition=condition, by=request.user)
    messages.success(request, _("Condition marked done."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(condition.review)


# ----------------------------------------------------------- technical plans


class TechPlanForm(VersionedForm):
    class Meta:
        model = TechPlan
        fields = ["title", "period_start", "period_end", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ObjectiveForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TechObjective
        fields = ["title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


class KeyResultForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = KeyResult
        fields = ["objective", "description", "target", "current", "unit"]

    def __init__(self, *args: Any, plan: TechPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()
        self.helper = no_tag_helper()


class IntroductionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TechIntroduction
        fields = ["name", "quadrant", "stage", "note"]
        widgets = {"note": forms.TextInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


def _plans(request: HttpRequest) -> Any:
    return TechPlan.objects.visible_to(request.user).select_related("owner")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _reader(request, TechPlan)
    found = TechPlanFilter(
        request.GET or None, queryset=_plans(request), people=_people(request.user)
    )
    rows = found.qs.annotate(
        objective_count=Count("objectives", distinct=True),
        introduction_count=Count("introductions", distinct=True),
    )
    page = CappedPaginator(rows.order_by("-period_start", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "teams/techplan_list.html",
        {
            "page_obj": page,
            "filter": found,
            "can_add": roles.has_capability(request.user, services.ADD_PLAN),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, services.ADD_PLAN):
        raise PermissionDenied
    return _save_page(
        request,
        TechPlanForm(request.POST or None),
        lambda data: services.tech_plan_create(by=request.user, data=data),
        done=_("Technical plan saved as a draft."),
        title=_("New technical plan"),
        back=(reverse("teams:tech_plans"), _("Technical plans")),
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(_plans(request), pk=pk)
    if not _is_author(request, plan):
        raise PermissionDenied
    form = TechPlanForm(request.POST or None, instance=plan)
    return _save_page(
        request,
        form,
        lambda data: services.tech_plan_update(
            plan=plan,
            by=request.user,
            data=data,
            expected_version=form.expected_version,
        ),
        done=_("Saved."),
        title=_("Edit technical plan"),
        back=(plan.get_absolute_url(), str(plan)),
    )


def _plan_detail(
    request: HttpRequest, plan: TechPlan, *, form: Any = None, status: int = 200
) -> HttpResponse:
    objectives = list(plan.objectives.prefetch_related("key_results"))
    introductions = list(plan.introductions.all())
    mine = _is_author(request, plan)
    editable = plan.editable and mine
    return render(
        request,
        "teams/techplan_detail.html",
        {
            "plan": plan,
            "objectives": objectives,
            "introductions": introductions,
            "radar": radar(introductions),
            "stages": TechIntroduction.Stage.choices,
            "step": plan.due_step(),
            "holds": _holds(request, plan),
            "holder": approvals.holder_label(plan) if plan.due_step() else "",
            "can_edit": editable,
            "can_submit": editable,
            "can_progress": mine,
            "form": form or StepForm(initial={"version": plan.version}),
            "objective_form": ObjectiveForm(),
            "key_result_form": KeyResultForm(plan=plan),
            "introduction_form": IntroductionForm(),
            "steps": list(approvals.steps_of(plan)),
            "history": history_rows(plan),
        },
        status=status,
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_detail(request, get_object_or_404(_plans(request), pk=pk))


@require_POST
@login_required
def plan_step(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(_plans(request), pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _plan_detail(request, plan, form=form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    try:
        if what == "submit":
            services.tech_plan_submit(
                plan=plan,
                by=request.user,
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        elif what in ("approve", "return"):
            approvals.approval_decide(
                record=plan,
                by=request.user,
                approve=what == "approve",
                reason=data["reason"],
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        else:
            raise ValidationError(_("Choose approve, return or submit."))
    except (ValidationError, StaleEdit) as error:
        _fail(form, error)
        return _plan_detail(request, plan, form=form, status=400)
    messages.success(request, _("Done."))
    return redirect(plan)


PART_FORMS: dict[str, Any] = {
    "objective": ObjectiveForm,
    "key_result": KeyResultForm,
    "introduction": IntroductionForm,
}


@require_POST
@login_required
def plan_part_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add an objective, a key result or a technology introduction."""
    plan = get_object_or_404(_plans(request), pk=pk)
    if kind not in PART_FORMS:
        raise Http404
    extra = {"plan": plan} if kind == "key_result" else {}
    form = PART_FORMS[kind](request.POST, **extra)
    if form.is_valid():
        try:
            services.tech_plan_part_add(
                plan=plan, by=request.user, kind=kind, data=form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect(plan)


@require_POST
@login_required
def plan_part_delete(
    request: HttpRequest, pk: int, kind: str, part_pk: int
) -> HttpResponse:
    plan = get_object_or_404(_plans(request), pk=pk)
    if kind not in PART_FORMS:
        raise Http404
    try:
        services.tech_plan_part_delete(
            plan=plan, by=request.user, kind=kind, part_pk=part_pk
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)


@require_POST
@login_required
def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner records key results' current values and stage moves."""
    plan = get_object_or_404(_plans(request), pk=pk)
    current: dict[int, Any] = {}
    stages: dict[int, str] = {}
    try:
        for name, value in request.POST.items():
            if name.startswith("kr-") and name[3:].isdigit() and value.strip():
                current[int(name[3:])] = Decimal(value.strip())
            if name.startswith("stage-") and name[6:].isdigit():
                stages[int(name[6:])] = value
        version = request.POST.get("version", "")
        services.tech_plan_progress(
            plan=plan,
            by=request.user,
            current=current,
            stages=stages,
            expected_version=int(version) if version.isdigit() else None,
        )
    except (ArithmeticError, ValueError):
        messages.error(request, _("Enter numbers for the current values."))
    except (ValidationError, StaleEdit) as error:
        messages.error(
            request,
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else str(error.message),
        )
    else:
        messages.success(request, _("Progress saved."))
    return redirect(plan)


# -------------------------------------------------------- technical standards


class TechStandardForm(VersionedForm):
    class Meta:
        model = TechStandard
        fields = ["code", "title", "next_review_on", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["code"].disabled = True


def _standards(request: HttpRequest) -> Any:
    return TechStandard.objects.visible_to(request.user).select_related("owner")


@login_required
def standard_list(request: HttpRequest) -> HttpResponse:
    _reader(request, TechStandard)
    found = TechStandardFilter(request.GET or None, queryset=_standards(request))
    page = CappedPaginator(found.qs.order_by("code", "-revision"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "teams/techstandard_list.html",
        {
            "page_obj": page,
            "filter": found,
            "can_add": roles.has_capability(request.user, services.ADD_STANDARD),
            "today": timezone.localdate(),
        },
    )


@login_required
def standard_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, services.ADD_STANDARD):
        raise PermissionDenied
    return _save_page(
        request,
        TechStandardForm(request.POST or None),
        lambda data: services.tech_standard_create(by=request.user, data=data),
        done=_("Standard saved as a draft."),
        title=_("New technical standard"),
        back=(reverse("teams:tech_standards"), _("Technical standards")),
    )


@login_required
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    standard = get_object_or_404(_standards(request), pk=pk)
    if not _is_author(request, standard):
        raise PermissionDenied
    form = TechStandardForm(request.POST or None, instance=standard)

    def save(data: dict[str, Any]) -> TechStandard:
        data.pop("code", None)  # a standard's code stays with all its versions
        return services.tech_standard_update(
            standard=standard,
            by=request.user,
            data=data,
            expected_version=form.expected_version,
        )

    return _save_page(
        request,
        form,
        save,
        done=_("Saved."),
        title=_("Edit technical standard"),
        back=(standard.get_absolute_url(), str(standard)),
    )


def _standard_detail(
    request: HttpRequest, standard: TechStandard, *, form: Any = None, status: int = 200
) -> HttpResponse:
    versions = list(
        TechStandard.objects.visible_to(request.user)
        .filter(code=standard.code)
        .only("pk", "revision", "state", "published_on", "retired_on", "code", "title")
        .order_by("-revision")
    )
    return render(
        request,
        "teams/techstandard_detail.html",
        {
            "standard": standard,
            "versions": versions,
            "step": standard.due_step(),
            "holds": _holds(request, standard),
            "holder": approvals.holder_label(standard) if standard.due_step() else "",
            "can_edit": standard.editable and _is_author(request, standard),
            "can_submit": standard.editable and _is_author(request, standard),
            "can_retire": standard.state == TechStandard.PUBLISHED
            and roles.has_capability(request.user, PUBLISH_STANDARD),
            "can_new_version": standard.state
            in (TechStandard.PUBLISHED, TechStandard.RETIRED)
            and roles.has_capability(request.user, services.ADD_STANDARD),
            "form": form or StepForm(initial={"version": standard.version}),
            "steps": list(approvals.steps_of(standard)),
            "history": history_rows(standard),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _standard_detail(request, get_object_or_404(_standards(request), pk=pk))


@require_POST
@login_required
def standard_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit to review, publish or return, retire, or start a new version."""
    standard = get_object_or_404(_standards(request), pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _standard_detail(request, standard, form=form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    version = data.get("version")
    try:
        if what == "submit":
            services.tech_standard_submit(
                standard=standard,
                by=request.user,
                comment=data["comment"],
                expected_version=version,
            )
        elif what == "approve":
            services.tech_standard_publish(
                standard=standard,
                by=request.user,
                comment=data["comment"],
                expected_version=version,
            )
        elif what == "return":
            approvals.approval_decide(
                record=standard,
                by=request.user,
                approve=False,
                reason=data["reason"],
                comment=data["comment"],
                expected_version=version,
            )
        elif what == "retire":
            services.tech_standard_retire(
                standard=standard, by=request.user, expected_version=version
            )
        elif what == "new_version":
            draft = services.tech_standard_new_version(
                standard=standard, by=request.user
            )
            messages.success(request, _("A new version was started as a draft."))
            return redirect(draft)
        else:
            raise ValidationError(_("Choose an action."))
    except (ValidationError, StaleEdit) as error:
        _fail(form, error)
        return _standard_detail(request, standard, form=form, status=400)
    messages.success(request, _("Done."))
    return redirect(standard)


# ------------------------------------------------------------ purchase plans


class PurchasePlanForm(VersionedForm):
    class Meta:
        model = PurchasePlan
        fields = ["title", "period_start", "period_end", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PurchaseItemForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PurchaseItem
        fields = ["category", "description", "quantity", "unit_cost", "reason"]
        widgets = {"reason": forms.TextInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = no_tag_helper()


def _purchases(request: HttpRequest) -> Any:
    return PurchasePlan.objects.visible_to(request.user).select_related("owner")


def category_totals(items: list[PurchaseItem]) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for item in items:
        totals[item.category] = totals.get(item.category, Decimal(0)) + item.total
    return [
        (str(label), totals[value])
        for value, label in PurchaseItem.Category.choices
        if value in totals
    ]


@login_required
def purchase_list(request: HttpRequest) -> HttpResponse:
    _reader(request, PurchasePlan)
    found = PurchasePlanFilter(request.GET or None, queryset=_purchases(request))
    rows = found.qs.prefetch_related("items")
    page = CappedPaginator(rows.order_by("-period_start", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for plan in page.object_list:
        plan.total = sum((i.total for i in plan.items.all()), Decimal(0))
    return render(
        request,
        "teams/purchaseplan_list.html",
        {
            "page_obj": page,
            "filter": found,
            "can_add": roles.has_capability(request.user, services.ADD_PURCHASE),
        },
    )


@login_required
def purchase_create(request: HttpRequest) -> HttpResponse:
    if not roles.has_capability(request.user, services.ADD_PURCHASE):
        raise PermissionDenied
    return _save_page(
        request,
        PurchasePlanForm(request.POST or None),
        lambda data: services.purchase_plan_create(by=request.user, data=data),
        done=_("Purchase plan saved as a draft."),
        title=_("New purchase plan"),
        back=(reverse("teams:purchase_plans"), _("Purchase plans")),
    )


@login_required
def purchase_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(_purchases(request), pk=pk)
    if not _is_author(request, plan):
        raise PermissionDenied
    form = PurchasePlanForm(request.POST or None, instance=plan)
    return _save_page(
        request,
        form,
        lambda data: services.purchase_plan_update(
            plan=plan,
            by=request.user,
            data=data,
            expected_version=form.expected_version,
        ),
        done=_("Saved."),
        title=_("Edit purchase plan"),
        back=(plan.get_absolute_url(), str(plan)),
    )


def _purchase_detail(
    request: HttpRequest, plan: PurchasePlan, *, form: Any = None, status: int = 200
) -> HttpResponse:
    items = list(plan.items.all())
    editable = plan.editable and _is_author(request, plan)
    return render(
        request,
        "teams/purchaseplan_detail.html",
        {
            "plan": plan,
            "items": items,
            "totals": category_totals(items),
            "total": sum((i.total for i in items), Decimal(0)),
            "step": plan.due_step(),
            "holds": _holds(request, plan),
            "holder": approvals.holder_label(plan) if plan.due_step() else "",
            "can_edit": editable,
            "can_submit": editable,
            "form": form or StepForm(initial={"version": plan.version}),
            "item_form": PurchaseItemForm(),
            "steps": list(approvals.steps_of(plan)),
            "history": history_rows(plan),
        },
        status=status,
    )


@login_required
def purchase_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _purchase_detail(request, get_object_or_404(_purchases(request), pk=pk))


@require_POST
@login_required
def purchase_step(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(_purchases(request), pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _purchase_detail(request, plan, form=form, status=400)
    data, what = form.cleaned_data, request.POST.get("do", "")
    try:
        if what == "submit":
            services.purchase_plan_submit(
                plan=plan,
                by=request.user,
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        elif what in ("approve", "return"):
            approvals.approval_decide(
                record=plan,
                by=request.user,
                approve=what == "approve",
                reason=data["reason"],
                comment=data["comment"],
                expected_version=data.get("version"),
            )
        else:
            raise ValidationError(_("Choose approve, return or submit."))
    except (ValidationError, StaleEdit) as error:
        _fail(form, error)
        return _purchase_detail(request, plan, form=form, status=400)
    messages.success(request, _("Done."))
    return redirect(plan)


@require_POST
@login_required
def purchase_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(_purchases(request), pk=pk)
    form = PurchaseItemForm(request.POST)
    if form.is_valid():
        try:
            services.purchase_item_add(
                plan=plan, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect(plan)


@require_POST
@login_required
def purchase_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = get_object_or_404(_purchases(request), pk=pk)
    try:
        services.purchase_item_delete(plan=plan, by=request.user, item_pk=item_pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)
