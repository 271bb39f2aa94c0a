"""Reading the catalogue with GNU gettext (for the i18n tests)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries(path: Path = CATALOGUE) -> dict[tuple[str, str], str]:
    """{(context, msgid): msgstr} of a .po file, read with GNU gettext."""
    done = subprocess.run(  # noqa: S603 - gettext's msgcat on our own file
        [shutil.which("msgcat") or "msgcat", "--no-wrap", "--sort-output", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    entries: dict[tuple[str, str], str] = {}
    field = None
    strings: dict[str, str] = {}
    for line in [*done.stdout.splitlines(), ""]:
        if not line.strip():
            if strings.get("msgid"):
                key = (strings.get("msgctxt", ""), strings["msgid"])
                entries[key] = strings.get("msgstr", strings.get("msgstr[0]", ""))
            strings, field = {}, None
            continue
        if line.startswith("#"):
            if line.startswith("#, ") and "fuzzy" in line:
                strings["fuzzy"] = "1"
            continue
        if line.startswith('"'):
            strings[field] += unquote(line)  # type: ignore[index]
            continue
        field, _space, rest = line.partition(" ")
        strings[field] = unquote(rest)
    return entries


def unquote(text: str) -> str:
    return (
        text.strip()[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()
    )
