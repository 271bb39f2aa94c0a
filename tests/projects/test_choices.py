"""ChoiceLabels (projects/choices.py): the same labels as Django's, cached."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model

from projects.choices import ChoiceLabels


def test_every_choice_label_matches_djangos_own():
    checked = 0
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabels):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value, _label in field.flatchoices:
                obj = model(**{field.attname: value})
                ours = getattr(obj, f"get_{field.name}_display")()
                assert ours == Model._get_FIELD_display(obj, field)
                assert isinstance(ours, str)
                checked += 1
    assert checked > 40


def test_an_unknown_value_shows_as_itself():
    from risks.models import Risk

    assert Risk(status="archived").get_status_display() == "archived"
    assert Risk(status=None).get_status_display() is None
