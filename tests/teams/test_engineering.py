"""Technical reviews, technical plans, standards and purchase plans
(issue 23): each chain per role, wrong step / wrong person / double decision
refused with nothing saved, visibility, My work, the team page's figures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import roles
from teams.models import (
    ApprovalStep,
    Candidate,
    PurchasePlan,
    ReviewCondition,
    TechnicalReview,
    TechnicalReviewRound,
    TechPlan,
    TechStandard,
)
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.teams import factories as tf

pytestmark = pytest.mark.django_db
API = "/api/v1"


def api(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def people(db):
    pm = UserFactory(role=roles.PROJECT_MANAGER)
    project = ProjectFactory(manager=pm)
    return {
        "project": project,
        "pm": pm,
        "director": UserFactory(role=roles.DIRECTOR),
        "director2": UserFactory(role=roles.DIRECTOR),
        "gm": UserFactory(role=roles.GENERAL_MANAGER),
        "member": UserFactory(role=roles.MEMBER),
        "engineer": UserFactory(role=roles.MEMBER, reports_to=pm),
    }


def submitted_review(people):
    review = tf.technical_review_for(people["project"])
    response = api(people["pm"]).post(
        f"{API}/technical-reviews/{review.pk}/submit/", {}, format="json"
    )
    assert response.status_code == 200, response.content
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED
    return review


# ------------------------------------------------------- technical reviews


def test_director_approves_with_conditions_that_become_action_items(people):
    review = submitted_review(people)
    due = (timezone.localdate() + timedelta(days=7)).isoformat()

    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {
            "decision": "approved_with_conditions",
            "rationale": "Good, with a rollback plan",
            "conditions": [
                {
                    "description": "Write the rollback runbook",
                    "owner": people["engineer"].pk,
                    "due_date": due,
                }
            ],
            "version": review.version,
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["decision"] == "approved_with_conditions"
    assert body["decided_by"] == people["director"].pk
    assert [c["description"] for c in body["conditions"]] == [
        "Write the rollback runbook"
    ]
    condition = ReviewCondition.objects.get(review=review)
    assert condition.owner == people["engineer"]
    # The condition is in its owner's My work, and done from there.
    client = api(people["engineer"])
    page = client.get(reverse("portfolio:my_work"))
    assert "Write the rollback runbook" in page.content.decode()
    client.post(reverse("teams:review_condition_done", args=[condition.pk]))
    condition.refresh_from_db()
    assert condition.completed_on == timezone.localdate()


@pytest.mark.parametrize("who", ["pm", "member", "gm", "engineer"])
def test_only_a_director_other_than_the_author_decides(people, who):
    review = submitted_review(people)
    steps = ApprovalStep.objects.count()

    response = api(people[who]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "approved", "rationale": "Fine"},
        format="json",
    )

    # The author and the GM see it but may not decide (403); others: 404.
    assert response.status_code in (403, 404), response.content
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED
    assert review.decision == ""
    assert ApprovalStep.objects.count() == steps


def test_a_director_does_not_decide_their_own_review(people):
    project = ProjectFactory(manager=people["director"])
    review = TechnicalReview.objects.create(
        title="Mine", project=project, author=people["director"], proposal="x"
    )
    client = api(people["director"])
    assert (
        client.post(f"{API}/technical-reviews/{review.pk}/submit/", {}).status_code
        == 200
    )
    response = client.post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "approved", "rationale": "Mine is great"},
        format="json",
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED


def test_double_decision_is_refused_and_changes_nothing(people):
    review = submitted_review(people)
    client = api(people["director"])
    first = client.post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "rejected", "rationale": "Too risky"},
        format="json",
    )
    assert first.status_code == 200
    second = api(people["director2"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "approved", "rationale": "Fine by me"},
        format="json",
    )
    assert second.status_code == 400, second.content
    review.refresh_from_db()
    assert (review.decision, review.decided_by) == ("rejected", people["director"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "approved_with_conditions", "rationale": "ok"}, "conditions"),
        ({"decision": "maybe", "rationale": "ok"}, "decision"),
        ({"decision": "approved", "rationale": ""}, "rationale"),
    ],
)
def test_bad_decisions_are_400_and_save_nothing(people, body, field):
    review = submitted_review(people)
    steps = ApprovalStep.objects.count()

    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/", body, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED
    assert ApprovalStep.objects.count() == steps
    assert not ReviewCondition.objects.exists()


def test_deciding_a_draft_is_the_wrong_step(people):
    review = tf.technical_review_for(people["project"])
    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "approved", "rationale": "ok"},
        format="json",
    )
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.state == "draft"


def test_resubmission_after_deferral_is_the_next_round(people):
    review = submitted_review(people)
    director = api(people["director"])
    director.post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "deferred", "rationale": "After the upgrade"},
        format="json",
    )
    pm = api(people["pm"])
    review.refresh_from_db()
    patched = pm.patch(
        f"{API}/technical-reviews/{review.pk}/",
        {"proposal": "Extract billing, then invoices.", "version": review.version},
        format="json",
    )
    assert patched.status_code == 200, patched.content

    again = pm.post(f"{API}/technical-reviews/{review.pk}/submit/", {}, format="json")

    assert again.status_code == 200, again.content
    assert again.json()["round"] == 2
    rounds = list(TechnicalReviewRound.objects.filter(review=review))
    assert [(r.number, r.outcome) for r in rounds] == [(1, "deferred"), (2, "")]
    assert rounds[0].proposal == "Extract billing first."


def test_returned_review_goes_back_to_its_author(people):
    review = submitted_review(people)
    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/return/",
        {"reason": "Compare with a strangler approach"},
        format="json",
    )
    assert response.status_code == 200, response.content
    review.refresh_from_db()
    assert review.state == "returned"
    assert review.waiting_on == people["pm"]


def test_reviews_are_seen_by_reviewers_and_the_line_only(people, client):
    review = tf.technical_review_for(people["project"])
    reviewer = UserFactory(role=roles.MEMBER)
    review.reviewers.add(reviewer)
    MembershipFactory(project=people["project"], user=people["member"], role="member")
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=people["project"], user=customer, role="customer_rep")
    url = reverse("teams:technical_review", args=[review.pk])
    log = reverse("teams:project_technical_reviews", args=[people["project"].pk])

    seen = {}
    for name, user in [
        ("reviewer", reviewer),
        ("director", people["director"]),
        ("member", people["member"]),
        ("customer", customer),
    ]:
        client.force_login(user)
        seen[name] = (client.get(url).status_code, client.get(log).status_code)

    assert seen == {
        "reviewer": (200, 404),  # not on the project
        "director": (200, 200),
        "member": (404, 200),  # a seat on the project shows none of them
        "customer": (404, 404),
    }


def test_review_page_decision_by_form(people, client):
    review = submitted_review(people)
    client.force_login(people["director"])
    due = (timezone.localdate() + timedelta(days=3)).isoformat()

    response = client.post(
        reverse("teams:technical_review_decide", args=[review.pk]),
        {
            "decision": "approved_with_conditions",
            "rationale": "Needs a runbook",
            "version": review.version,
            "c0-description": "Runbook",
            "c0-owner": people["pm"].pk,
            "c0-due_date": due,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    review.refresh_from_db()
    assert review.decision == "approved_with_conditions"
    assert review.conditions.get().description == "Runbook"


# ----------------------------------------------------------- technical plans


def test_tech_plan_owner_submits_and_the_general_manager_approves(people):
    plan = tf.tech_plan_for(people["project"])
    owner = api(people["pm"])
    assert owner.post(f"{API}/tech-plans/{plan.pk}/submit/", {}).status_code == 200
    refused = api(people["director"]).post(f"{API}/tech-plans/{plan.pk}/approve/", {})
    assert refused.status_code == 403
    approved = api(people["gm"]).post(f"{API}/tech-plans/{plan.pk}/approve/", {})
    assert approved.status_code == 200, approved.content
    plan.refresh_from_db()
    assert plan.state == TechPlan.APPROVED
    kr = approved.json()["objectives"][0]["key_results"][0]
    assert kr["progress"] == 0


def test_tech_plan_without_key_results_is_not_submitted(people):
    plan = TechPlan.objects.create(
        title="Empty",
        owner=people["pm"],
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
    )
    response = api(people["pm"]).post(f"{API}/tech-plans/{plan.pk}/submit/", {})
    assert response.status_code == 400
    assert "objectives" in response.json()
    plan.refresh_from_db()
    assert plan.state == "draft"


def test_radar_draws_each_introduction(people, client):
    plan = tf.tech_plan_for(people["project"])
    client.force_login(people["pm"])
    page = client.get(reverse("teams:tech_plan", args=[plan.pk])).content.decode()
    assert 'class="tech-radar"' in page
    assert "Kubernetes" in page


# -------------------------------------------------------- technical standards


def test_standard_published_by_another_director_and_versions_kept(people):
    standard = tf.tech_standard_for(people["project"])
    author = api(people["pm"])
    assert (
        author.post(f"{API}/tech-standards/{standard.pk}/submit/", {}).status_code
        == 200
    )
    assert (
        author.post(f"{API}/tech-standards/{standard.pk}/approve/", {}).status_code
        == 403
    )
    director = api(people["director"])
    assert (
        director.post(f"{API}/tech-standards/{standard.pk}/approve/", {}).status_code
        == 200
    )
    created = author.post(f"{API}/tech-standards/{standard.pk}/new-version/", {})
    assert created.status_code == 201, created.content
    draft = TechStandard.objects.get(pk=created.json()["id"])
    assert (draft.revision, draft.state) == (2, "draft")
    # One open draft per standard.
    again = author.post(f"{API}/tech-standards/{standard.pk}/new-version/", {})
    assert again.status_code == 400
    author.post(f"{API}/tech-standards/{draft.pk}/submit/", {})
    director.post(f"{API}/tech-standards/{draft.pk}/approve/", {})

    standard.refresh_from_db()
    draft.refresh_from_db()
    assert (standard.state, draft.state) == ("retired", "published")
    assert author.get(f"{API}/tech-standards/{standard.pk}/").status_code == 200


def test_only_a_director_retires_a_standard(people):
    standard = tf.tech_standard_for(people["project"])
    standard.state = TechStandard.PUBLISHED
    standard.save()
    assert (
        api(people["pm"])
        .post(f"{API}/tech-standards/{standard.pk}/retire/", {})
        .status_code
        == 403
    )
    assert (
        api(people["director"])
        .post(f"{API}/tech-standards/{standard.pk}/retire/", {})
        .status_code
        == 200
    )


# ------------------------------------------------------------ purchase plans


def test_purchase_plan_director_to_general_manager(people):
    pm = api(people["pm"])
    body = {
        "title": "Laptops",
        "period_start": "2026-07-01",
        "period_end": "2026-12-31",
        "items": [
            {
                "category": "computers",
                "description": "Laptop",
                "quantity": 2,
                "unit_cost": "9000.00",
            }
        ],
    }
    assert pm.post(f"{API}/purchase-plans/", body, format="json").status_code == 403
    director = api(people["director"])
    created = director.post(f"{API}/purchase-plans/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["total"] == "18000.00"
    pk = created.json()["id"]
    assert director.post(f"{API}/purchase-plans/{pk}/submit/", {}).status_code == 200
    assert (
        api(people["director2"]).post(f"{API}/purchase-plans/{pk}/approve/", {})
    ).status_code == 403
    assert (
        api(people["gm"]).post(f"{API}/purchase-plans/{pk}/approve/", {}).status_code
        == 200
    )
    assert PurchasePlan.objects.get(pk=pk).state == PurchasePlan.APPROVED


# ------------------------------------------------------------ the team page


def _team(director, size):
    for _ in range(size):
        UserFactory(
            role=roles.MEMBER, reports_to=director, department=director.department
        )


def test_team_page_figures_and_flat_query_count(team, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    director = team.director
    project = ProjectFactory(manager=team.lead)
    review = TechnicalReview.objects.create(
        title="Waiting",
        project=project,
        author=team.lead,
        proposal="x",
        state=TechnicalReview.SUBMITTED,
    )
    TechStandard.objects.create(
        code="due",
        title="Due",
        owner=team.lead,
        state="published",
        next_review_on=timezone.localdate(),
    )
    client.force_login(director)
    url = reverse("teams:index")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    _team(director, 12)
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="{reverse("teams:technical_reviews")}?state=submitted">1<' in html
    assert f'href="{reverse("teams:tech_standards")}?due=1">1<' in html
    assert reverse("teams:technical_review", args=[review.pk]) in html
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_team_page_is_404_to_customers(team, client):
    client.force_login(team.customer)
    assert client.get(reverse("teams:index")).status_code == 404


# ---------------------------------------------------------------- CV uploads


def test_cv_upload_is_checked_and_served_only_to_readers(people, client):
    from teams import recruitment_services

    hr = UserFactory(role=roles.HR)
    fake = SimpleUploadedFile("cv.pdf", b"<html><script>x</script></html>")
    with pytest.raises(ValidationError) as refused:
        recruitment_services.candidate_create(
            by=hr, data={"name": "Li Lei", "cv": fake}
        )
    assert "cv" in str(refused.value)
    assert not Candidate.objects.exists()

    good = SimpleUploadedFile("cv.txt", "Li Lei · 工程师".encode())
    candidate = recruitment_services.candidate_create(
        by=hr, data={"name": "Li Lei", "cv": good}
    )
    url = reverse("teams:candidate_cv", args=[candidate.pk])
    assert client.get(url).status_code == 404  # signed out: no redirect
    client.force_login(people["member"])
    assert client.get(url).status_code == 404
    client.force_login(hr)
    served = client.get(url)
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in served["Content-Disposition"]


# ------------------------------------------------------ review findings (#23)


def _decide_with_condition(people, owner):
    review = submitted_review(people)
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    return review, api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {
            "decision": "approved_with_conditions",
            "rationale": "Needs a runbook",
            "conditions": [
                {"description": "Runbook", "owner": owner.pk, "due_date": due}
            ],
        },
        format="json",
    )


def test_condition_owner_opens_the_review_but_not_a_project_they_cannot_read(
    people, client
):
    outsider = UserFactory(role=roles.MEMBER)  # not on the project, not in the line
    review, response = _decide_with_condition(people, outsider)
    assert response.status_code == 200, response.content

    client.force_login(outsider)
    page = client.get(reverse("portfolio:my_work")).content.decode()
    review_url = reverse("teams:technical_review", args=[review.pk])
    assert review_url in page
    assert client.get(review_url).status_code == 200
    # My work shows no link to (nor the code of) a project they cannot open.
    assert people["project"].code not in page
    assert reverse("portfolio:project_detail", args=[people["project"].pk]) not in page
    assert api(outsider).get(f"{API}/technical-reviews/{review.pk}/").status_code == 200


def test_a_customer_cannot_own_a_condition(people, client):
    customer = UserFactory(role=roles.CUSTOMER)
    MembershipFactory(project=people["project"], user=customer, role="customer_rep")

    review, response = _decide_with_condition(people, customer)

    assert response.status_code == 400, response.content
    assert "conditions" in response.json()
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED
    assert not ReviewCondition.objects.exists()
    # The page's owner choice does not offer customers.
    client.force_login(people["director"])
    page = client.get(reverse("teams:technical_review", args=[review.pk]))
    assert f'value="{customer.pk}"' not in page.content.decode()
    assert f'value="{people["engineer"].pk}"' in page.content.decode()


def test_drafts_of_standards_are_read_by_the_line_and_directors_only(people, client):
    draft = tf.tech_standard_for(people["project"])  # by the PM
    published = TechStandard.objects.create(
        code="pub", title="Published", owner=people["pm"], state="published"
    )
    retired = TechStandard.objects.create(
        code="old", title="Retired", owner=people["pm"], state="retired"
    )
    in_review = TechStandard.objects.create(
        code="rev", title="In review", owner=people["pm"], state="in_review"
    )
    other_pm = UserFactory(role=roles.PROJECT_MANAGER)
    manager_of_pm = UserFactory(role=roles.PROJECT_MANAGER)
    people["pm"].reports_to = manager_of_pm
    people["pm"].save()

    def seen(user):
        client.force_login(user)
        ids = {
            row["id"]
            for row in _results(api(user).get(f"{API}/tech-standards/").json())
        }
        pages = {
            s.pk
            for s in (draft, published, retired, in_review)
            if client.get(reverse("teams:tech_standard", args=[s.pk])).status_code
            == 200
        }
        assert ids == pages
        return pages

    everyone = {published.pk, retired.pk}
    writing = {draft.pk, in_review.pk}
    assert seen(people["member"]) == everyone
    assert seen(other_pm) == everyone
    assert seen(people["pm"]) == everyone | writing
    assert seen(manager_of_pm) == everyone | writing
    assert seen(people["director"]) == everyone | writing
    client.force_login(people["member"])
    listed = client.get(reverse("teams:tech_standards")).content.decode()
    assert "Published" in listed
    assert "Code review standard" not in listed


def _results(body):
    return body["results"] if isinstance(body, dict) else body


def test_project_names_only_to_readers_of_the_project(people, client):
    review = submitted_review(people)
    hr = UserFactory(role=roles.HR)
    code, name = people["project"].code, people["project"].name

    client.force_login(hr)
    detail = client.get(reverse("teams:technical_review", args=[review.pk]))
    listed = client.get(reverse("teams:technical_reviews"))
    assert detail.status_code == listed.status_code == 200
    for page in (detail, listed):
        html = page.content.decode()
        assert code not in html
        assert name not in html

    client.force_login(people["director"])  # reads every project
    assert code in client.get(reverse("teams:technical_reviews")).content.decode()
    html = client.get(reverse("teams:technical_review", args=[review.pk]))
    assert name in html.content.decode()


def test_clearing_the_proposal_document_saves_without_it(
    people, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    review = tf.technical_review_for(people["project"])
    review.document = SimpleUploadedFile("plan.txt", b"the plan")
    review.save()
    client.force_login(people["pm"])

    response = client.post(
        reverse("teams:technical_review_edit", args=[review.pk]),
        {
            "title": review.title,
            "project": people["project"].pk,
            "proposal": review.proposal,
            "options": "",
            "document-clear": "on",
            "version": review.version,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    review.refresh_from_db()
    assert not review.document


@pytest.mark.parametrize(
    ("decision", "shown"),
    [
        ("rejected", "Rejected"),
        ("deferred", "Deferred"),
        ("approved", "Approved"),
    ],
)
def test_the_steps_record_the_decision_taken(people, client, decision, shown):
    review = submitted_review(people)
    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": decision, "rationale": "Because"},
        format="json",
    )
    assert response.status_code == 200, response.content

    step = ApprovalStep.objects.filter(object_id=review.pk).order_by("pk").last()
    assert step.get_decision_display() == shown
    client.force_login(people["pm"])
    page = client.get(reverse("teams:technical_review", args=[review.pk]))
    steps = page.content.decode().split('id="steps-heading"', 1)[1]
    assert f"{shown} · {people['director']}" in steps
    if decision != "approved":
        assert "Approved ·" not in steps
    from django.utils import translation

    with translation.override("zh-hans"):
        label = str(step.get_decision_display())
        assert label == str(TechnicalReview.Decision(decision).label) != shown


def test_the_due_step_names_the_director_role(people, client):
    from teams import approvals

    review = submitted_review(people)
    standard = tf.tech_standard_for(people["project"])
    api(people["pm"]).post(f"{API}/tech-standards/{standard.pk}/submit/", {})
    standard.refresh_from_db()

    assert approvals.holder_label(review) == "Director"
    assert approvals.holder_label(standard) == "Director"
    client.force_login(people["pm"])
    page = client.get(reverse("teams:technical_review", args=[review.pk]))
    assert "teams.decide_technicalreview" not in page.content.decode()


@pytest.mark.parametrize("value", ["9999999999999999999999999", "abc", "-1"])
@pytest.mark.parametrize("name", ["project", "author"])
def test_bad_filter_ids_are_ignored_with_the_error_shown(people, client, name, value):
    review = tf.technical_review_for(people["project"])
    client.force_login(people["director"])

    for url in (
        reverse("teams:technical_reviews"),
        reverse("teams:project_technical_reviews", args=[people["project"].pk]),
    ):
        response = client.get(url, {name: value})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert reverse("teams:technical_review", args=[review.pk]) in html
        if name == "author" or url == reverse("teams:technical_reviews"):
            assert "invalid-feedback" in html or "is-invalid" in html
    # The API's filter refuses it plainly (400 naming it), never a 500.
    answer = api(people["director"]).get(f"{API}/technical-reviews/", {name: value})
    assert answer.status_code == 400
    assert name in answer.json()


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("teams:tech_plans", {"owner": "9999999999999999999999999", "state": "x"}),
        ("teams:tech_standards", {"state": "nope", "due": "maybe"}),
        ("teams:purchase_plans", {"state": "9999999999999999999999999"}),
    ],
)
def test_other_lists_ignore_bad_filters(people, client, url, params):
    client.force_login(people["director"])
    response = client.get(reverse(url), params)
    assert response.status_code == 200


def test_condition_done_refuses_an_offsite_next(people, client):
    outsider = UserFactory(role=roles.MEMBER)
    review, _response = _decide_with_condition(people, outsider)
    condition = ReviewCondition.objects.get(review=review)
    client.force_login(outsider)

    response = client.post(
        reverse("teams:review_condition_done", args=[condition.pk]),
        {"next": "/\\evil.example"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("teams:technical_review", args=[review.pk])


@pytest.mark.parametrize("who", ["pm", "gm", "member"])
def test_someone_who_may_not_decide_gets_403_whatever_they_send(people, client, who):
    review = submitted_review(people)
    review.reviewers.add(people["member"])  # sees it, may not decide it
    steps = ApprovalStep.objects.count()

    response = api(people[who]).post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "maybe", "rationale": ""},
        format="json",
    )
    assert response.status_code == 403, response.content
    client.force_login(people[who])
    page = client.post(
        reverse("teams:technical_review_decide", args=[review.pk]),
        {"decision": "maybe"},
    )
    assert page.status_code == 403
    assert ApprovalStep.objects.count() == steps


def test_api_approve_without_a_comment_names_the_comment(people):
    review = submitted_review(people)

    response = api(people["director"]).post(
        f"{API}/technical-reviews/{review.pk}/approve/", {"comment": ""}, format="json"
    )

    assert response.status_code == 400
    assert "comment" in response.json()
    assert "rationale" not in response.json()
    review.refresh_from_db()
    assert review.state == TechnicalReview.SUBMITTED


def test_team_page_counts_every_open_position(team, client):
    from teams.models import PositionRequest
    from tests.teams.factories import PositionFactory

    position = PositionFactory()
    PositionRequest.objects.bulk_create(
        PositionRequest(
            department=team.tech,
            position=position,
            headcount=1,
            reason="Growth",
            requested_by=team.director,
            state=PositionRequest.OPEN,
        )
        for _ in range(23)
    )
    client.force_login(team.director)

    html = client.get(reverse("teams:index")).content.decode()

    assert "23 open positions" in html


def test_a_standard_code_taken_in_a_race_is_a_400_on_code(people, monkeypatch):
    from teams import engineering_services as services

    checked = TechStandard.full_clean

    def clean_then_lose_the_race(self, *args, **kwargs):
        checked(self, *args, **kwargs)
        # Another request inserts the same code between the check and ours.
        TechStandard.objects.create(
            code=self.code, title="Theirs", owner=people["director"]
        )

    monkeypatch.setattr(TechStandard, "full_clean", clean_then_lose_the_race)
    with pytest.raises(ValidationError) as refused:
        services.tech_standard_create(
            by=people["pm"], data={"code": "race", "title": "Mine", "body": "x"}
        )

    assert "code" in refused.value.message_dict
    assert not TechStandard.objects.filter(title="Mine").exists()


def test_retiring_closing_and_reopening_keep_history_and_versions(people):
    standard = tf.tech_standard_for(people["project"])
    author, director = api(people["pm"]), api(people["director"])
    author.post(f"{API}/tech-standards/{standard.pk}/submit/", {})
    director.post(f"{API}/tech-standards/{standard.pk}/approve/", {})
    draft_id = author.post(f"{API}/tech-standards/{standard.pk}/new-version/", {})
    draft = TechStandard.objects.get(pk=draft_id.json()["id"])
    author.post(f"{API}/tech-standards/{draft.pk}/submit/", {})
    standard.refresh_from_db()
    before = standard.version

    director.post(f"{API}/tech-standards/{draft.pk}/approve/", {})

    standard.refresh_from_db()
    assert standard.state == "retired"
    assert standard.version == before + 1
    last = standard.history.latest("history_date")
    assert (last.state, last.history_user) == ("retired", people["director"])

    review = submitted_review(people)
    director.post(
        f"{API}/technical-reviews/{review.pk}/decide/",
        {"decision": "deferred", "rationale": "Later"},
        format="json",
    )
    round_ = TechnicalReviewRound.objects.get(review=review, number=1)
    last_round = round_.history.latest("history_date")
    assert (last_round.outcome, last_round.history_user) == (
        "deferred",
        people["director"],
    )
    review.refresh_from_db()
    version = review.version
    again = api(people["pm"]).post(
        f"{API}/technical-reviews/{review.pk}/submit/",
        {"version": version},
        format="json",
    )
    assert again.status_code == 200, again.content
    review.refresh_from_db()
    reopened = review.history.filter(state="returned").latest("history_date")
    assert reopened.history_user == people["pm"]
    assert review.version == version + 2  # reopened, then submitted
