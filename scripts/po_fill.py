"""Fill translations into the Chinese catalogue from a JSON file of
{"context\u0004msgid" or "msgid": "msgstr"} (a maintainer's tool, not run by
the app): `python scripts/po_fill.py translations.json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[1] / "locale/zh_Hans/LC_MESSAGES/django.po"


def main(source: str) -> None:
    wanted = json.loads(Path(source).read_text())
    po = polib.pofile(str(CATALOGUE), wrapwidth=79)
    filled = 0
    for entry in po:
        key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in wanted:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: wanted[key]}
        else:
            entry.msgstr = wanted[key]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    left = len(po.untranslated_entries())
    print(f"filled {filled} of {len(wanted)}; untranslated left: {left}")


if __name__ == "__main__":
    main(sys.argv[1])
