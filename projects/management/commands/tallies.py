"""`manage.py tallies [--check] [--compact] [--rebuild]`: look after the record
tallies (projects/tallies.py) that unfiltered lists count from."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from projects import tallies


class Command(BaseCommand):
    help = (
        "Check the record tallies against real counts (the default), fold their "
        "delta rows (--compact) or recount them from the records (--rebuild)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--compact", action="store_true", help="fold delta rows")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="recount every tally from the records",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            self.stdout.write(f"Rebuilt: {tallies.rebuild()} tally rows.")
        if options["compact"]:
            self.stdout.write(f"Compacted: {tallies.compact()} tally rows left.")
        wrong = tallies.check()
        for pk, (kept, counted) in sorted(wrong.items())[:20]:
            self.stderr.write(f"project {pk}: tally {kept}, records {counted}")
        rollups = tallies.check_managers()
        for pk, (kept, counted) in sorted(rollups.items())[:20]:
            self.stderr.write(f"manager {pk}: rollup {kept}, records {counted}")
        if wrong or rollups:
            raise CommandError(
                f"{len(wrong)} projects' tallies and {len(rollups)} managers' "
                "rollups differ from their records; run "
                "`manage.py tallies --rebuild`."
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Every project's tally and every manager's rollup match their records."
            )
        )
