"""`{{ text|markdown }}`: Markdown rendered and sanitised (core/markdown.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core import markdown as core_markdown

register = template.Library()


@register.filter
def markdown(text: str | None) -> SafeString:
    return core_markdown.render(text)
