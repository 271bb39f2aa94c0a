"""What we put into Django admin reads in Chinese: our models' names, their
fields, the KPIs and the roles. (Django's own admin text comes from Django's
catalogue; permission and group names are stored data.)"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    world = build()
    admin = world.users["admin"]
    admin.language = "zh-hans"
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("url", "expected", "not_expected"),
    [
        (
            "admin:index",
            ["项目", "风险", "里程碑", "变更请求", "会议"],
            ["Change requests"],
        ),
        (
            "admin:kpis_kpidefinition_changelist",
            ["项目按时交付率", "客户满意度"],
            ["On-time delivery"],
        ),
        ("admin:accounts_user_changelist", ["项目经理", "总监"], []),
        ("admin:risks_risk_changelist", ["供应商延期", "发生概率"], ["Probability"]),
    ],
)
def test_our_admin_pages_read_in_chinese(admin_client, url, expected, not_expected):
    body = admin_client.get(reverse(url)).content.decode()
    for text in expected:
        assert text in body, text
    for text in not_expected:
        assert text not in body, text
