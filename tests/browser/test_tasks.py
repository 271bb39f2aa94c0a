"""The task board in a real browser (issue 26): a card dragged to another
column changes the task's status; a card drawn before someone else's change
is refused and goes back; the keyboard form moves a card; the board fits a
phone's width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts import roles
from milestones import task_services
from milestones.models import Task
from tests.factories import MembershipFactory, ProjectFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-tests-1"


@pytest.fixture
def board_world():
    manager = UserFactory(role=roles.PROJECT_MANAGER, username="pm-board")
    project = ProjectFactory(manager=manager, code="BRD-1", name="Board project")
    member = UserFactory(role=roles.MEMBER, username="dev-board", first_name="Dana")
    MembershipFactory(project=project, user=member, role="member")
    first = TaskFactory(project=project, owner=member, title="Wire the payment API")
    second = TaskFactory(project=project, owner=member, title="Write the release notes")
    TaskFactory(project=project, title="Someone else's task", status="in_progress")
    return project, manager, member, first, second


def column(page, status):
    return page.locator(f'.board-column[data-status="{status}"]')


def test_dragging_a_card_moves_the_task(page, sign_in, shot, board_world):
    project, manager, member, first, second = board_world
    sign_in(page, member.username, PASSWORD)
    page.goto(f"/projects/{project.pk}/tasks/board/")
    card = page.locator(f"#card-{first.pk}")
    assert column(page, "todo").locator(f"#card-{first.pk}").count() == 1

    card.drag_to(column(page, "in_progress"))

    moved = column(page, "in_progress").locator(f"#card-{first.pk}")
    moved.wait_for()
    # Polled from Python: a predicate string would be eval'd in the page,
    # which the app's CSP (no 'unsafe-eval') refuses.
    expect(moved).to_have_attribute("data-version", str(first.version + 1))
    first.refresh_from_db()
    assert first.status == Task.Status.IN_PROGRESS
    assert column(page, "in_progress").locator(".column-count").inner_text() == "2"
    shot(page, "tasks-board-dragged")

    # Someone else changes the second task after the board was drawn: the
    # drag is refused with the stale-edit message and the card goes back.
    task_services.task_update(
        task=Task.objects.get(pk=second.pk), by=manager, data={"priority": "high"}
    )
    page.locator(f"#card-{second.pk}").drag_to(column(page, "done"))
    alert = page.locator("#board-status")
    alert.wait_for(state="visible")
    assert "Someone else changed" in alert.inner_text()
    assert column(page, "todo").locator(f"#card-{second.pk}").count() == 1
    second.refresh_from_db()
    assert second.status == Task.Status.TODO
    # The browser logs the refused request itself; no script error besides.
    assert [e for e in page.js_errors if "409 (Conflict)" not in e] == []


def test_keyboard_moves_a_card_and_the_board_fits_a_phone(
    page, sign_in, shot, board_world
):
    project, _manager, member, first, _second = board_world
    sign_in(page, member.username, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/projects/{project.pk}/tasks/board/")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    select = page.get_by_label(f"New status of “{first.title}”")
    select.focus()
    select.select_option("done")
    page.keyboard.press("Tab")  # past the hidden reason field, onto Move
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert column(page, "done").locator(f"#card-{first.pk}").count() == 1
    first.refresh_from_db()
    assert first.status == Task.Status.DONE
    # Someone else's task has no move form for this member.
    other = Task.objects.get(title="Someone else's task")
    assert page.locator(f"#card-{other.pk} form").count() == 0
    shot(page, "tasks-board-phone")
    assert page.js_errors == []
