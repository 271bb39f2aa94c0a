"""Pages of long lists with a capped count, as large trackers do.

Counting every row a list could show costs a pass over all of them (tens of
thousands of risks for a director); a list only needs to know whether there
are more than a screenful of pages. `CappedPaginator` counts at most
`settings.LIST_COUNT_CAP` rows (one more, to know there are more) and reads
each page with one extra row, so "next" is known without the total. Past
the cap the total shows as "1,000+" and pages beyond it still open.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models.query import ModelIterable


class CappedPage(Page):
    def __init__(
        self, object_list: Any, number: int, paginator: Any, more: bool
    ) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class CappedPaginator(Paginator):
    """A Paginator whose count stops at `cap` (+1 meaning "more than cap")."""

    def __init__(self, *args: Any, cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cap = settings.LIST_COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if hasattr(rows, "count") and not isinstance(rows, list):
            # How many, not which: without its ORDER BY the database stops at
            # the cap instead of sorting every row first (DISTINCT lists keep
            # theirs, since their order can take part in what is distinct).
            query = getattr(rows, "query", None)
            if not getattr(query, "distinct", True):
                rows = rows.order_by()
                # Nor the per-row annotations (say a task's logged hours, a
                # subquery per row): a plain list of model rows is counted by
                # its ids. A grouped or values() list keeps its own shape.
                if query.group_by is None and rows._iterable_class is ModelIterable:
                    rows = rows.values("pk")
            return int(rows[: self.cap + 1].count())
        return min(len(rows), self.cap + 1)

    @property
    def capped(self) -> bool:
        """True when there are more rows than the count says."""
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        shown = min(self.count, self.cap)
        return max(1, math.ceil(shown / self.per_page))

    def validate_number(self, number: Any) -> int:
        if not self.capped:
            return int(super().validate_number(number))
        # Past the cap the last page is unknown: any page may be asked for;
        # an empty one is refused in page().
        try:
            value = int(number)
        except (TypeError, ValueError):
            return int(super().validate_number(number))
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value

    def page(self, number: Any) -> CappedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        more = len(rows) > self.per_page
        return CappedPage(rows[: self.per_page], number, self, more)

    @property
    def total_label(self) -> str:
        """The total as a page shows it: exact, or "1,000+" past the cap."""
        from django.utils import formats

        shown = formats.number_format(
            min(self.count, self.cap), use_l10n=True, force_grouping=True
        )
        return f"{shown}+" if self.capped else shown
