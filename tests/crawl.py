"""Follow what a signed-in user is shown, as they would: every link and every
GET form of each page, from home, within the app.

`crawl(client)` returns the pages it reached; the crawler tests check them
(status, links, sort order, language). URLs that differ only in their ids
are one "shape": at most `per_shape` of each are opened, so the walk stays
bounded whatever the data.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

SKIPPED_PREFIXES = (
    "/static/",
    "/media/",
    "/accounts/logout/",
    "/admin/logout/",
    "/api/v1/docs/",  # Swagger UI: a script page (the browser tests open it)
)
# Report PDFs take WeasyPrint a second each: tests/portfolio reads them.
SKIPPED_SUFFIXES = (".pdf",)


@dataclass
class Link:
    href: str
    text: str
    rel: str = ""  # "sort" for a column's sort link, "page" for pagination


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    html: str = ""
    found_on: str = ""
    links: list[Link] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # GET form targets


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.forms: list[str] = []
        self._form: dict[str, str] | None = None
        self._inputs: list[tuple[str, str]] = []
        self._link: Link | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in found:
            self._link = Link(found["href"], "")
        elif tag == "form":
            self._form = found
            self._inputs = []
        elif (
            tag in ("input", "select")
            and self._form is not None
            and found.get("name")
            and found.get("type") not in ("submit", "checkbox")
        ):
            self._inputs.append((found["name"], found.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None
        elif tag == "form" and self._form is not None:
            if self._form.get("method", "get").lower() == "get":
                action = self._form.get("action", "")
                query = urlencode([(k, v) for k, v in self._inputs if v])
                self.forms.append(f"{action}?{query}" if query else action or "?")
            self._form = None


def shape(url: str) -> str:
    """The URL with its ids and query values blanked: /risks/7/?page=2 ->
    /risks/#/?page="""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/)", "/#", parts.path)
    keys = sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def _inside(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.netloc and not parts.scheme and not url.startswith("#")


def crawl(
    client: object,
    *,
    start: str = "/",
    limit: int = 250,
    per_shape: int = 2,
    skip: tuple[str, ...] = (),
) -> list[Page]:
    """Breadth first from `start`; return every page opened."""
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([(start, "")])
    pages: list[Page] = []
    while queue and len(pages) < limit:
        url, found_on = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        key = shape(url)
        if shapes.get(key, 0) >= per_shape:
            continue
        shapes[key] = shapes.get(key, 0) + 1
        response = client.get(url)  # type: ignore[attr-defined]
        content_type = response.get("Content-Type", "")
        page = Page(url, response.status_code, content_type, found_on=found_on)
        pages.append(page)
        if response.status_code != 200 or "text/html" not in content_type:
            continue
        page.html = response.content.decode()
        parser = _Parser()
        parser.feed(page.html)
        page.links, page.forms = parser.links, parser.forms
        for target in [link.href for link in page.links] + page.forms:
            absolute = urljoin(url, target)
            path = (
                urlsplit(absolute)._replace(scheme="", netloc="", fragment="").geturl()
            )
            if not _inside(target if target.startswith("/") else path):
                continue
            if urlsplit(target).scheme or urlsplit(target).netloc:
                continue  # another site's page (a document's link)
            if path.startswith(SKIPPED_PREFIXES + skip) or path in seen:
                continue
            if urlsplit(path).path.endswith(SKIPPED_SUFFIXES):
                continue
            queue.append((path, url))
    return pages
