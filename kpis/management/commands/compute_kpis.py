from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kpis import services


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from error


class Command(BaseCommand):
    help = (
        "Compute KPI snapshots (the nightly job) for a date (default yesterday, "
        "the last complete day) or "
        "for every date of a range."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="YYYY-MM-DD (default: yesterday).")
        parser.add_argument("--from", dest="start", help="First date of a range.")
        parser.add_argument("--to", dest="end", help="Last date of a range.")

    def handle(self, *args: Any, **options: Any) -> None:
        single, start, end = options["date"], options["start"], options["end"]
        if single and (start or end):
            raise CommandError("Give either --date or --from/--to, not both.")
        if bool(start) != bool(end):
            raise CommandError("--from and --to go together.")
        if start:
            first, last = _date(start), _date(end)
            if last < first:
                raise CommandError("--to is before --from.")
            days = [first + timedelta(n) for n in range((last - first).days + 1)]
        else:
            days = [_date(single) if single else services.last_complete_day()]
        # A range shows a bar on a terminal (disable=None: none in logs or CI).
        with tqdm(
            days, desc="KPI dates", unit="day", disable=None if len(days) > 1 else True
        ) as bar:
            for day in bar:
                rows = services.snapshots_compute(as_of=day)
                with bar.external_write_mode():
                    self.stdout.write(f"{day.isoformat()}: {rows} snapshot rows")
