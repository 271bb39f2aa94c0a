"""Markdown in minutes, agendas and descriptions, rendered safely: Python-
Markdown turns the text into HTML, then nh3 (an HTML sanitiser) keeps only
the tags of plain formatting. Raw HTML in the text never reaches the page:
it is escaped before Markdown sees it, and whatever the parser makes of it
is cleaned again, so scripts, event handlers and javascript: links are gone.
"""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
EXTENSIONS = ["sane_lists", "tables", "fenced_code", "nl2br"]


def render(text: str | None) -> SafeString:
    """The text as sanitised HTML (headings start at h3: the page has its own)."""
    if not text:
        return mark_safe("")
    # "<" alone opens a tag; ">" stays for Markdown's quotes
    source = text.replace("<", "&lt;")
    converted = md.markdown(source, extensions=EXTENSIONS, output_format="html")
    for level in range(6, 0, -1):  # ## in minutes is a section, not a page title
        shifted = min(level + 2, 6)
        converted = converted.replace(f"<h{level}>", f"<h{shifted}>").replace(
            f"</h{level}>", f"</h{shifted}>"
        )
    clean = nh3.clean(
        converted,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
