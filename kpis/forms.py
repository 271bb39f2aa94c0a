"""The director's form for a KPI's organisation-wide target, in the KPI's
own unit: a rate as a percentage (90 means 0.9), hours as hours, a score as
a score. Forms only validate; views hand the stored value to the service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from core.forms import no_tag_helper
from kpis import registry
from kpis.models import KpiDefinition

HUNDRED = Decimal(100)


def shown(kpi: registry.Kpi, stored: Decimal) -> Decimal:
    """A stored target as the form shows it (a rate as a percentage)."""
    value = stored * HUNDRED if kpi.is_rate else stored
    # normalize() alone writes 90 as 9E+1, which a number input refuses
    return Decimal(format(value.quantize(Decimal("0.01")).normalize(), "f"))


class KpiTargetForm(forms.Form):
    target = forms.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    # the stored target the editor read: a change in between is refused
    read_target = forms.DecimalField(
        widget=forms.HiddenInput, required=False, decimal_places=4, max_digits=12
    )

    def __init__(self, *args: Any, definition: KpiDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpi = registry.BY_CODE[definition.code]
        field = self.fields["target"]
        maximum = shown(self.kpi, self.kpi.max_target)
        field.max_value = maximum
        field.validators.append(MaxValueValidator(maximum))
        field.widget.attrs.update({"min": 0, "max": maximum, "step": "0.1"})
        if self.kpi.is_rate:
            field.label = _("Target (%)")
            field.help_text = _("A percentage between 0 and 100: 90 means 90%.")
        elif self.kpi.unit == registry.HOURS:
            field.label = _("Target (hours)")
            field.help_text = _("At most %(max)s hours.") % {"max": maximum}
        else:
            field.label = _("Target (score)")
            field.help_text = _("A score between 0 and %(max)s.") % {"max": maximum}
        if not self.is_bound:
            self.initial = {
                "target": shown(self.kpi, definition.target),
                "read_target": definition.target,
            }
        self.helper = no_tag_helper()

    @property
    def stored_target(self) -> Decimal:
        """The cleaned target as the KPI stores it (a rate as a fraction)."""
        value: Decimal = self.cleaned_data["target"]
        return value / HUNDRED if self.kpi.is_rate else value
