"""Django's makemessages for this project: our sources only, and no fuzzy
guesses (a new msgid starts untranslated, and the catalogue check says so).

Entries are sorted by msgid and name their files without line numbers, so
two branches that each add strings merge without touching each other's
lines."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import makemessages

IGNORED = [
    ".venv/*",
    "node_modules/*",
    "staticfiles/*",
    "bench/*",
    "tests/*",
    "artifacts/*",
]


class Command(makemessages.Command):
    msgmerge_options = [
        *makemessages.Command.msgmerge_options,
        "--no-fuzzy-matching",
        "--sort-output",
    ]

    def handle(self, *args: Any, **options: Any) -> None:
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options.setdefault("no_obsolete", True)
        options["no_obsolete"] = True
        options["add_location"] = "file"
        super().handle(*args, **options)
