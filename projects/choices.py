"""Choices shared by the projects app, its access rules and the apps above."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectRole(models.TextChoices):
    """A person's role on one project (Membership.role)."""

    MANAGER = "manager", _("Manager")
    COORDINATOR = "coordinator", _("Coordinator")
    FINANCE = "finance", _("Finance")
    QA = "qa", _("Quality assurance")
    RISK_OFFICER = "risk_officer", _("Risk officer")
    TECH_EXPERT = "tech_expert", _("Technical expert")
    CUSTOMER_REP = "customer_rep", _("Customer representative")
    MEMBER = "member", _("Member")
    CONSULTANT = "consultant", _("Consultant")
