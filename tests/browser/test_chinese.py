"""The journeys once more in Chinese, as a user whose browser asks for it:
signing in, creating a project, logging a risk, the director's scorecard and
the language switcher, with screenshots (CJK text rendered by the font the
set-up installs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from projects.demo import DEMO_PASSWORD
from projects.models import Project
from risks.models import Risk
from tests.browser.journeys import field, iso

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def zh_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1366, "height": 900},
        locale="zh-CN",
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.js_errors = errors
    yield tab
    context.close()


def _sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="登录 Milepost")).to_be_visible()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_project_manager_works_in_chinese(zh_page, shot):
    call_command("seed_demo", "--projects", "2", "--no-kpis")
    page = zh_page
    today = timezone.localdate()

    _sign_in(page, "paula")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_contain_text("欢迎")
    shot(page, "zh-home")

    page.get_by_role("link", name="新建项目").first.click()
    field(page, "编号").fill("PRJ-901")
    field(page, "名称").fill("仓库扫码枪上线")
    field(page, "客户").fill("北风物流")
    field(page, "开始日期").fill(iso(today - timedelta(days=10)))
    field(page, "目标日期").fill(iso(today + timedelta(days=120)))
    field(page, "预算").fill("80000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("项目PRJ-901已创建。")).to_be_visible()
    project = Project.objects.get(code="PRJ-901")
    shot(page, "zh-overview")

    page.locator("ul.nav-tabs").get_by_role("link", name="风险", exact=True).click()
    expect(page.get_by_role("heading", name="热力图")).to_be_visible()
    page.get_by_role("link", name="新建风险").click()
    field(page, "标题").fill("供应商延期交货")
    field(page, "发生概率（1–5）").fill("4")
    field(page, "影响程度（1–5）").fill("4")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("风险“供应商延期交货”已添加。")).to_be_visible()
    assert Risk.objects.filter(project=project, title="供应商延期交货").exists()
    shot(page, "zh-risk")
    assert page.js_errors == []


def test_a_director_reads_the_scorecard_in_chinese_and_switches(zh_page, shot):
    call_command("seed_demo", "--projects", "4")
    page = zh_page

    _sign_in(page, "director")
    page.goto("/kpis/")
    expect(page.get_by_role("heading", name="计分卡")).to_be_visible()
    expect(page.get_by_text("项目按时交付率").first).to_be_visible()
    shot(page, "zh-kpis-dashboard")

    # The navbar's switcher: English, and the choice is kept on the profile.
    switcher = page.locator(".language-switcher")
    switcher.locator(".dropdown-toggle").click()
    switcher.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Scorecard")).to_be_visible()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher.locator(".dropdown-toggle").click()
    switcher.get_by_role("button", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert page.js_errors == []
