"""The lock files pin every dependency pyproject.toml declares, inside its range.

`make setup` installs requirements/dev.txt with hashes and the image installs
requirements/base.txt: a dependency added to pyproject.toml without `make lock`
would otherwise be installed unpinned (or not at all in the image).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extras"), [("base.txt", ()), ("dev.txt", ("dev",))])
def test_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    pinned = pins(lock)
    stale = []
    for requirement in declared(*extras):
        if requirement.marker and not requirement.marker.evaluate(
            default_environment()
        ):
            continue
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, True):
            stale.append(f"{requirement} (locked: {version})")
    assert not stale, f"requirements/{lock} is stale, run `make lock`: {stale}"


def test_every_pin_carries_hashes_and_django_works_with_celery_beat():
    text = (ROOT / "requirements" / "base.txt").read_text()
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        assert "--hash=sha256:" in block, block.splitlines()[0]
    # The resolver, not a --no-deps install, chose a Django every dependency
    # (django-celery-beat among them) declares support for.
    assert pins("base.txt")["django"].startswith("6.")
    assert "--no-deps" not in (ROOT / "Makefile").read_text()
    assert "--no-deps" not in (ROOT / "Dockerfile").read_text()
