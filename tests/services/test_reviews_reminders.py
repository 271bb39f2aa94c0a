"""Action item reminders through Redis and a real Celery worker process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import ActionItem
from reviews.tasks import send_action_item_reminders_task
from tests.factories import ActionItemFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_reminds_each_due_item_once_a_day(celery_worker):
    today = timezone.localdate()
    overdue = ActionItemFactory(owner=UserFactory(), due_date=today - timedelta(days=2))
    tomorrow = ActionItemFactory(owner=UserFactory(), due_date=today + timedelta(1))
    later = ActionItemFactory(owner=UserFactory(), due_date=today + timedelta(days=5))

    # Two deliveries at once, as from two beat ticks or two workers.
    results = [send_action_item_reminders_task.delay() for _ in range(2)]
    sent = [r.get(timeout=60) for r in results]
    again = send_action_item_reminders_task.delay().get(timeout=60)

    # The conditional UPDATE lets exactly one run claim each item today.
    assert sum(sent) == 2
    assert again == 0
    reminded = dict(ActionItem.objects.values_list("pk", "last_reminded_on"))
    assert reminded[overdue.pk] == reminded[tomorrow.pk] == today
    assert reminded[later.pk] is None
    assert celery_worker.poll() is None
