"""Report subscriptions (issue 24): who may subscribe whom, the scheduled
send exactly once per period (worker restarts and retries included), the
access re-check at send time and the signed unsubscribe link."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from portfolio import reports, services
from portfolio.models import ReportDelivery, ReportSubscription
from portfolio.tasks import send_reports_task
from projects.models import Membership
from tests.factories import MilestoneFactory, RiskFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)


def project_scope(user, project):
    return reports.resolve_scope(user, "project", project.pk)


def subscribe(user, project, report="progress", by=None, **kwargs):
    return services.subscription_create(
        by=by or user,
        user=user,
        report=reports.REPORTS[report],
        scope=project_scope(by or user, project),
        frequency=kwargs.get("frequency", "weekly"),
        day=kwargs.get("day", 1),
    )


def test_member_subscribes_themselves(make_member, project):
    member = make_member("member")
    sub = subscribe(member, project)
    assert sub.user == member
    assert sub.created_by == member
    assert sub.project == project


def test_subscribing_again_changes_the_schedule(make_member, project):
    member = make_member("member")
    first = subscribe(member, project, day=1)
    again = subscribe(member, project, frequency="monthly", day=20)
    assert again.pk == first.pk
    assert ReportSubscription.objects.get().frequency == "monthly"
    services.subscription_end(subscription=again)
    assert subscribe(member, project).pk != first.pk  # a new one after ending


def test_subscription_for_a_report_the_reader_may_not_see_is_refused(
    make_member, project
):
    carl = make_member("customer_rep")
    with pytest.raises(ValidationError, match="may not read the Risk management"):
        subscribe(carl, project, report="risks")
    assert not ReportSubscription.objects.exists()


def test_manager_subscribes_the_team_but_not_outsiders(make_member, project, outsider):
    member = make_member("member")
    sub = subscribe(member, project, by=project.manager)
    assert sub.created_by == project.manager
    with pytest.raises(ValidationError, match="may not subscribe"):
        services.subscription_create(
            by=project.manager,
            user=outsider,
            report=reports.REPORTS["progress"],
            scope=project_scope(project.manager, project),
            frequency="weekly",
            day=1,
        )


def test_member_may_not_subscribe_a_colleague(make_member, project):
    member, colleague = make_member("member"), make_member("member")
    with pytest.raises(ValidationError, match="may not subscribe"):
        subscribe(colleague, project, by=member)


def test_subscribe_page_refuses_an_invisible_project_with_a_message(
    client, outsider, project
):
    client.force_login(outsider)
    response = client.post(
        reverse("portfolio:subscribe"),
        {
            "report": "progress",
            "scope_type": "project",
            "key": project.pk,
            "frequency": "weekly",
            "day": 1,
        },
    )
    assert response.status_code == 400
    assert "There is no such project or department" in response.content.decode()
    assert not ReportSubscription.objects.exists()


def test_subscribe_page_creates_and_lists_the_subscription(
    client, make_member, project
):
    member = make_member("member")
    client.force_login(member)
    data = {
        "report": "progress",
        "scope_type": "project",
        "key": project.pk,
        "frequency": "weekly",
        "day": 9,
    }
    response = client.post(reverse("portfolio:subscribe"), data)
    assert response.status_code == 400  # a week has 7 days
    assert "choose a day from 1 (Monday) to 7" in response.content.decode()
    data["day"] = 3
    response = client.post(reverse("portfolio:subscribe"), data)
    assert response.status_code == 302
    sub = ReportSubscription.objects.get()
    assert (sub.user, sub.day, sub.project) == (member, 3, project)
    page = client.get(reverse("portfolio:subscriptions")).content.decode()
    assert "Project progress report" in page
    assert project.code in page


def test_the_schedule_sends_once_per_period(make_member, project):
    member = make_member("member")
    subscribe(member, project, day=3)  # Wednesdays
    MilestoneFactory(project=project, name="Cutover")
    assert services.send_due(today=MONDAY) == {}  # not its day yet
    assert services.send_due(today=MONDAY + timedelta(2)) == {"sent": 1}
    services.send_due(today=MONDAY + timedelta(2))  # beat fires again
    services.send_due(today=MONDAY + timedelta(4))  # later in the same week
    assert len(mail.outbox) == 1
    services.send_due(today=MONDAY + timedelta(9))  # next week's Wednesday
    assert len(mail.outbox) == 2
    periods = list(ReportDelivery.objects.values_list("period", "status"))
    assert sorted(periods) == [(MONDAY, "sent"), (MONDAY + timedelta(7), "sent")]
    message = mail.outbox[0]
    assert message.to == [member.email]
    name, data, mimetype = message.attachments[0]
    assert name == f"progress-{project.code}-{MONDAY.isoformat()}.pdf"
    assert mimetype == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert project.code in text
    assert "Cutover" in text


def test_monthly_subscription_catches_up_a_missed_day(make_member, project):
    member = make_member("member")
    subscribe(member, project, frequency="monthly", day=5)
    services.send_due(today=date(2026, 12, 4))
    assert mail.outbox == []
    services.send_due(today=date(2026, 12, 9))  # the workers were down on the 5th
    services.send_due(today=date(2026, 12, 20))
    assert len(mail.outbox) == 1
    assert ReportDelivery.objects.get().period == date(2026, 12, 1)


def test_a_worker_that_died_mid_send_is_taken_over_once(make_member, project):
    member = make_member("member")
    sub = subscribe(member, project)
    now = timezone.now()
    # A worker claimed this week's send and died before sending.
    ReportDelivery.objects.create(
        subscription=sub, period=MONDAY, status="sending", claimed_at=now
    )
    services.send_due(today=MONDAY, now=now + timedelta(minutes=5))
    assert mail.outbox == []  # it may still be sending: not taken over yet
    services.send_due(today=MONDAY, now=now + timedelta(hours=1))
    services.send_due(today=MONDAY, now=now + timedelta(hours=2))
    assert len(mail.outbox) == 1
    assert ReportDelivery.objects.get().status == "sent"


def test_a_failure_is_recorded_retried_and_shown(client, make_member, project):
    member = make_member("member")
    subscribe(member, project)
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")
    ):
        assert services.send_due(today=MONDAY) == {"failed": 1}
    delivery = ReportDelivery.objects.get()
    assert delivery.status == "failed"
    assert "SMTP down" in delivery.error
    client.force_login(member)
    page = client.get(reverse("portfolio:subscriptions")).content.decode()
    assert "Failed" in page
    assert "SMTP down" in page
    assert services.send_due(today=MONDAY) == {"sent": 1}  # the next run retries
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


def test_failures_stop_after_the_last_attempt(make_member, project):
    member = make_member("member")
    subscribe(member, project)
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("x")):
        for _ in range(services.MAX_ATTEMPTS + 2):
            services.send_due(today=MONDAY)
    delivery = ReportDelivery.objects.get()
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert delivery.status == "failed"


def test_someone_who_left_the_project_stops_receiving_it(make_member, project):
    member = make_member("member")
    subscribe(member, project)
    Membership.objects.filter(user=member).delete()
    assert services.send_due(today=MONDAY) == {"skipped": 1}
    assert mail.outbox == []
    assert "no longer read" in ReportDelivery.objects.get().error


def test_report_is_written_in_the_subscribers_language(make_member, project):
    member = make_member("member")
    member.language = "zh-hans"
    member.save()
    subscribe(member, project)
    services.send_due(today=MONDAY)
    message = mail.outbox[0]
    assert "项目进展报告" in message.subject
    _name, data, _type = message.attachments[0]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "项目进展报告" in text


def test_customer_mail_has_no_risks(make_member, project):
    carl = make_member("customer_rep")
    RiskFactory(project=project, title="Secret vendor risk")
    subscribe(carl, project)
    services.send_due(today=MONDAY)
    _name, data, _type = mail.outbox[0].attachments[0]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert project.code in text
    assert "risk" not in text.lower()


def test_tabular_report_mail_carries_the_xlsx(make_member, project):
    member = make_member("risk_officer")
    subscribe(member, project, report="risks")
    services.send_due(today=MONDAY)
    kinds = [a[2] for a in mail.outbox[0].attachments]
    assert kinds == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]


def test_unsubscribe_link_works_signed_out(client, make_member, project):
    member = make_member("member")
    sub = subscribe(member, project)
    services.send_due(today=MONDAY)
    found = re.search(r"http://\S+(/reports/unsubscribe/\S+/)", mail.outbox[0].body)
    assert found is not None
    link = found.group(1)
    assert mail.outbox[0].extra_headers["List-Unsubscribe"].endswith(link + ">")
    response = client.get(link)  # a mail scanner's prefetch changes nothing
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.active
    response = client.post(link)
    assert "You no longer receive" in response.content.decode()
    sub.refresh_from_db()
    assert not sub.active
    services.send_due(today=MONDAY + timedelta(7))
    assert len(mail.outbox) == 1


def test_a_forged_unsubscribe_link_is_refused(client, make_member, project):
    sub = subscribe(make_member("member"), project)
    token = services.unsubscribe_token(sub)
    response = client.post(reverse("portfolio:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    sub.refresh_from_db()
    assert sub.active


def test_the_task_runs_the_schedule(make_member, project):
    subscribe(make_member("member"), project)
    assert send_reports_task(MONDAY.isoformat()) == {"sent": 1}
    assert send_reports_task(MONDAY.isoformat()) == {}


def test_director_subscribes_to_the_organisation_scorecard(director):
    scope = reports.resolve_scope(director, "organisation", 0)
    sub = services.subscription_create(
        by=director,
        user=director,
        report=reports.REPORTS["scorecard"],
        scope=scope,
        frequency="monthly",
        day=1,
    )
    assert sub.scope_type == "organisation"
    assert services.send_due(today=date(2026, 12, 1)) == {"sent": 1}


def test_member_cannot_subscribe_to_the_organisation_scorecard():
    member = UserFactory()
    assert reports.resolve_scope(member, "organisation", 0) is None


def test_manager_subscribes_team_members_on_the_page(client, make_member, project):
    member, qa = make_member("member"), make_member("qa")
    client.force_login(project.manager)
    form = client.get(
        reverse("portfolio:subscribe"),
        {"report": "progress", "scope_type": "project", "key": project.pk},
    ).content.decode()
    assert f'value="{member.pk}"' in form  # the team is offered
    response = client.post(
        reverse("portfolio:subscribe"),
        {
            "report": "progress",
            "scope_type": "project",
            "key": project.pk,
            "subscribers": [member.pk, qa.pk],
            "frequency": "monthly",
            "day": 2,
        },
    )
    assert response.status_code == 302
    subs = ReportSubscription.objects.order_by("user_id")
    assert [(s.user, s.created_by) for s in subs] == [
        (member, project.manager),
        (qa, project.manager),
    ]
    # The set-up is listed to the manager, the subscription to the member.
    client.force_login(member)
    page = client.get(reverse("portfolio:subscriptions")).content.decode()
    assert "Project progress report" in page


def test_director_subscribes_a_department_to_its_scorecard(director):
    from tests.factories import DepartmentFactory

    dept = DepartmentFactory()
    head = UserFactory(role="Director", department=dept)
    clerk = UserFactory(department=dept)
    scope = reports.resolve_scope(director, "department", dept.pk)
    report = reports.REPORTS["scorecard"]
    sub = services.subscription_create(
        by=director, user=head, report=report, scope=scope, frequency="weekly", day=1
    )
    assert sub.department == dept
    # A member of the department may not read its scorecard: refused, clearly.
    with pytest.raises(ValidationError, match="may not read the KPI scorecard"):
        services.subscription_create(
            by=director,
            user=clerk,
            report=report,
            scope=scope,
            frequency="weekly",
            day=1,
        )
