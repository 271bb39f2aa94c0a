"""Directors set KPI targets in the app, in the KPI's unit, with history
(issue 19)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import roles
from kpis.models import KpiDefinition, KpiTarget
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

EDIT = "kpis:target_edit"


def _definition(code: str = "on_time_delivery") -> KpiDefinition:
    return KpiDefinition.objects.get(code=code)


def test_director_sets_a_rate_target_as_a_percentage(client, director):
    client.force_login(director)
    before = _definition().target

    response = client.post(
        reverse(EDIT, args=["on_time_delivery"]),
        {"target": "85", "read_target": before},
    )

    assert response.status_code == 302
    definition = _definition()
    assert definition.target == Decimal("0.85")
    latest = definition.history.first()
    assert latest.history_user == director
    assert latest.target == Decimal("0.85")
    page = client.get(reverse("kpis:targets")).content.decode()
    assert "85.0 %" in page
    assert director.username in page or director.get_full_name() in page


def test_form_shows_the_target_in_the_kpis_unit(client, director):
    client.force_login(director)

    rate = client.get(reverse(EDIT, args=["on_time_delivery"])).content.decode()
    hours = client.get(reverse(EDIT, args=["issue_resolution_hours"])).content.decode()

    assert 'value="90"' in rate
    assert "Target (%)" in rate
    assert 'value="48"' in hours
    assert "Target (hours)" in hours


def test_hours_target_is_stored_as_hours(client, director):
    client.force_login(director)
    definition = _definition("issue_resolution_hours")

    client.post(
        reverse(EDIT, args=[definition.code]),
        {"target": "36", "read_target": definition.target},
    )

    assert _definition("issue_resolution_hours").target == Decimal(36)


@pytest.mark.parametrize("target", ["150", "-5", "abc", ""])
def test_bad_target_is_refused_and_nothing_changes(client, director, target):
    client.force_login(director)
    before = _definition().target

    response = client.post(
        reverse(EDIT, args=["on_time_delivery"]),
        {"target": target, "read_target": before},
    )

    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.content.decode()
    assert _definition().target == before


def test_target_changed_meanwhile_is_a_stale_edit(client, director):
    client.force_login(director)
    definition = _definition()
    read = definition.target
    KpiDefinition.objects.filter(pk=definition.pk).update(target=Decimal("0.7"))

    response = client.post(
        reverse(EDIT, args=["on_time_delivery"]), {"target": "95", "read_target": read}
    )

    assert response.status_code == 400
    assert "Someone else changed this record" in response.content.decode()
    assert _definition().target == Decimal("0.7")


@pytest.mark.parametrize(
    ("role", "list_status", "edit_status"),
    [
        (roles.MEMBER, 403, 403),
        (roles.CUSTOMER, 403, 403),
        (roles.PROJECT_MANAGER, 403, 403),
        (roles.GENERAL_MANAGER, 200, 403),
        (roles.DIRECTOR, 200, 200),
        (roles.ADMIN, 200, 200),
    ],
)
def test_who_reads_and_edits_targets(client, role, list_status, edit_status):
    client.force_login(UserFactory(role=role))
    before = _definition().target

    assert client.get(reverse("kpis:targets")).status_code == list_status
    assert client.get(reverse(EDIT, args=["on_time_delivery"])).status_code == (
        edit_status
    )
    response = client.post(
        reverse(EDIT, args=["on_time_delivery"]),
        {"target": "50", "read_target": before},
    )
    assert response.status_code == (302 if edit_status == 200 else 403)
    assert (_definition().target == before) is (edit_status != 200)


def test_unknown_kpi_is_404(client, director):
    client.force_login(director)
    assert client.get(reverse(EDIT, args=["no_such_kpi"])).status_code == 404


def test_targets_page_queries_are_bounded(
    client, director, django_assert_max_num_queries
):
    for _n in range(5):
        KpiTarget.objects.create(
            kpi=_definition(), department=DepartmentFactory(), target=Decimal("0.5")
        )
    client.force_login(director)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("kpis:targets"))

    assert response.status_code == 200
    assert response.content.decode().count("50.0 %") == 5
