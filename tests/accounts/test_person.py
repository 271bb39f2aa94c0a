"""The person behind an account (DESIGN §7): reporting line and capacity."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_reporting_line_cannot_loop_back():
    director = UserFactory()
    lead = UserFactory(reports_to=director)
    engineer = UserFactory(reports_to=lead)
    director.reports_to = engineer
    with pytest.raises(ValidationError) as caught:
        director.full_clean()
    assert "reports_to" in caught.value.message_dict
    assert list(director.direct_reports.all()) == [lead]


def test_capacity_defaults_to_a_forty_hour_week_and_is_bounded():
    person = UserFactory()
    assert person.weekly_capacity_hours == 40
    person.weekly_capacity_hours = 200
    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert "weekly_capacity_hours" in caught.value.message_dict
