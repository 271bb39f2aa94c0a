from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentQuerySet(models.QuerySet["Department"]):
    def subtree_ids(self, root_id: int) -> set[int]:
        """Return the ids of the department and all its descendants."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), [root_id]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, []))
        return found


class Department(models.Model):
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent department"),
    )
    head = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
        verbose_name=_("head"),
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        node, seen = self.parent, set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A department cannot sit inside itself.")}
                )
            seen.add(node.pk)
            node = node.parent


class User(AbstractUser):
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the browser's language."),
    )
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("department"),
    )
    # The person behind the account (DESIGN §7): whom they report to, since
    # when, and how many hours a week they can give to project work. These
    # live here, the lowest layer, because tasks (workload) and the team
    # (direct subordinates) both read them.
    reports_to = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        verbose_name=_("reports to"),
    )
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    weekly_capacity_hours = models.DecimalField(
        _("weekly capacity (hours)"),
        max_digits=5,
        decimal_places=1,
        default=40,
        validators=[MinValueValidator(0), MaxValueValidator(168)],
    )

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"
        # The Admin role's capability (accounts/roles.py): everything in the app.
        permissions = [("administer", _("Can do everything in Milepost"))]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        node, seen = self.reports_to, set()
        while node is not None and node.pk not in seen:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError(
                    {
                        "reports_to": _(
                            "Nobody can report to themselves, even indirectly."
                        )
                    }
                )
            seen.add(node.pk)
            node = node.reports_to
