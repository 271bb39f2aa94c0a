"""The Chinese catalogue is complete: every string of the project's sources is
in it and translated, none fuzzy, none stale (DESIGN §5, issue 18).

The catalogue is made again from the sources (makemessages into a copy of
locale/) and compared with the committed one: a string added without its
translation fails here, by name."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys

from tests.i18n.catalogue import CATALOGUE, ROOT, entries


def test_the_catalogue_holds_every_string_translated(tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", copy)
    # makemessages writes each template's .py twin beside it while it works:
    # the SQLite and services suites (side by side in CI) take turns.
    with (ROOT / ".makemessages.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans"],
            cwd=ROOT,
            env={**os.environ, "MILEPOST_LOCALE_DIR": str(copy)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    fresh = entries(copy / "zh_Hans" / "LC_MESSAGES" / "django.po")
    committed = entries(CATALOGUE)
    missing = sorted(key for key in fresh if key not in committed)
    stale = sorted(key for key in committed if key not in fresh)
    untranslated = sorted(key for key, text in fresh.items() if not text)
    assert not missing, f"strings not in the catalogue (make messages): {missing}"
    assert not untranslated, f"strings without a translation: {untranslated}"
    assert not stale, f"catalogue entries no source uses any more: {stale}"


def test_no_entry_is_fuzzy_or_untranslated():
    done = subprocess.run(  # noqa: S603 - gettext's msgfmt on our own file
        [
            shutil.which("msgfmt") or "msgfmt",
            "--check",
            "--statistics",
            "-o",
            os.devnull,
            str(CATALOGUE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "untranslated" not in done.stderr, done.stderr
    assert "fuzzy" not in done.stderr, done.stderr
    assert "translated messages" in done.stderr
