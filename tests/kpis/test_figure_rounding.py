"""KPI figures are rounded to one decimal place, not cut off."""

from decimal import Decimal

from kpis.templatetags.kpi_tags import kpi_change, kpi_value


def test_rates_and_means_round_half_up():
    assert kpi_value(Decimal("0.7305963333"), "on_time_delivery") == "73.1 %"
    assert kpi_value(Decimal("0.66666"), "on_time_delivery") == "66.7 %"
    assert kpi_value(Decimal("0.66644"), "on_time_delivery") == "66.6 %"
    assert kpi_value(Decimal("4.25"), "team_communication") == "4.3"
    assert kpi_value(Decimal("35.96"), "issue_resolution_hours") == "36.0 h"
    assert kpi_change(Decimal("-0.06666"), "on_time_delivery") == "−6.7 pp"
