"""`{% filter_fields form "col-auto" %}`: a list page's filter bar, cached.

A django-filter form rendered field by field with crispy is a large part
of a list page's template work (a select of people renders every option through
the form renderer's templates), the largest single cost of a list page. The
HTML is a pure function of what the form shows, so it is cached under a key
made of exactly that: the form class, the language, each field's label,
bound value, errors, widget attributes and choices (read once here, from the
same query the rendering would run, and handed to the widget). A renamed
person or a new department is a new key; so is a new release
(core/fragments.py).
"""

from __future__ import annotations

from typing import Any

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.core.cache import cache
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.fragments import digest

register = template.Library()
TIMEOUT = 600


def _choices(widget: forms.Widget) -> list[Any]:
    """The widget's choices as a list. A model field's come from one plain
    query (its iterator would open a server-side cursor: three round trips),
    in the iterator's own order: empty label, django-filter's null label, rows."""
    found = widget.choices
    if not isinstance(found, ModelChoiceIterator):
        return [choice for choice in found]  # noqa: C416 - list() would call len()
    field = found.field
    listed: list[Any] = []
    if field.empty_label is not None:
        listed.append(("", field.empty_label))
    if getattr(field, "null_label", None) is not None:
        listed.append((field.null_value, field.null_label))
    listed += [found.choice(obj) for obj in found.queryset]
    return listed


def _shown(field: forms.BoundField) -> tuple[Any, ...]:
    """Everything of one field that reaches its HTML."""
    choices = None
    widget = field.field.widget
    if isinstance(field.field, forms.ChoiceField):
        # One read of the choices, kept on the widget so a cache miss renders
        # from the same list.
        listed = _choices(widget)
        widget.choices = listed
        choices = [(str(value), str(label)) for value, label in listed]
    return (
        field.name,
        str(field.label),
        str(field.help_text),
        repr(field.value()),
        [str(error) for error in field.errors],
        repr(sorted(widget.attrs.items())),
        choices,
    )


def _render(form: forms.BaseForm, css: str) -> SafeString:
    html = [
        format_html('<div class="{}">{}</div>', css, as_crispy_field(field))
        if css
        else as_crispy_field(field)
        for field in form
    ]
    return mark_safe("".join(html))  # noqa: S308 - crispy's escaped output


@register.simple_tag
def filter_fields(form: forms.BaseForm, css: str = "col-auto") -> SafeString:
    """The form's fields through crispy, each in a div of class `css` (none
    when empty), from the cache when the same form showed the same."""
    parts = (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        translation.get_language(),
        css,
        [_shown(field) for field in form],
    )
    key = "filter-bar:" + digest(parts)
    html = cache.get(key)
    if html is None:
        html = _render(form, css)
        cache.set(key, str(html), TIMEOUT)
    return mark_safe(html)  # noqa: S308 - rendered above by crispy


SORT_FIELDS = ("o", "ordering", "page")


def active_filters(form: forms.BaseForm) -> int:
    """How many of the form's filters the request sets (sorting is not one)."""
    if not form.is_bound:
        return 0
    return sum(
        1
        for name in form.fields
        if name not in SORT_FIELDS
        and any(str(v).strip() for v in form.data.getlist(form.add_prefix(name)))  # type: ignore[attr-defined]
    )


@register.simple_block_tag
def filter_panel(
    content: str, form: forms.BaseForm, name: str = "filters"
) -> SafeString:
    """A list's filters, folded behind a "Filters" button below the md
    breakpoint (phones see the data first) and open on wider screens; open
    on phones too while a filter is set, with the count on the button."""
    count = active_filters(form)
    panel = f"{name}-panel"
    badge = (
        format_html(' <span class="badge text-bg-primary">{}</span>', count)
        if count
        else ""
    )
    return format_html(
        '<button class="btn btn-outline-secondary btn-sm d-md-none mb-2" '
        'type="button" data-bs-toggle="collapse" data-bs-target="#{panel}" '
        'aria-expanded="{expanded}" aria-controls="{panel}">'
        '<i class="bi bi-funnel" aria-hidden="true"></i> {label}{badge}</button>'
        '<div class="collapse d-md-block{show}" id="{panel}">{content}</div>',
        panel=panel,
        expanded="true" if count else "false",
        label=gettext("Filters"),
        badge=badge,
        show=" show" if count else "",
        content=content,
    )


@register.filter
def filters_set(form: forms.BaseForm) -> bool:
    """True if the request sets one of the form's filters (sorting aside):
    an empty list then says "no X match these filters", else "no X yet"."""
    return active_filters(form) > 0
