"""`manage.py health`: the checks of /health/ from a process without a web
server (the beat container's healthcheck). Exits 1 when one fails."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.health import report


class Command(BaseCommand):
    help = "Check the database, the cache and the broker, as /health/ does."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet", action="store_true", help="Print nothing; exit 0 or 1."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        healthy, body = report()
        if not options["quiet"]:
            self.stdout.write(json.dumps(body))
        if not healthy:
            sys.exit(1)
