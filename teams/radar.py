"""The technology radar of a plan's introductions, as SVG geometry for a
server-rendered template (no chart library): four quadrants, one ring per
stage (adopt innermost, hold outermost), one numbered blip per technology."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SIZE = 440
CENTRE = SIZE / 2
# Outer radius of each stage's ring, innermost first.
RINGS = (("adopt", 70.0), ("trial", 125.0), ("assess", 175.0), ("hold", 210.0))
QUADRANTS = ("techniques", "tools", "platforms", "languages")
COLOURS = {
    "adopt": "#146c43",
    "trial": "#1d3c6e",
    "assess": "#997404",
    "hold": "#b02a37",
}


@dataclass
class Blip:
    number: int
    x: float
    y: float
    colour: str
    introduction: Any


@dataclass
class Ring:
    stage: str
    label: Any
    radius: float
    label_y: float


@dataclass
class Radar:
    size: int = SIZE
    centre: float = CENTRE
    rings: list[Ring] = field(default_factory=list)
    blips: list[Blip] = field(default_factory=list)
    quadrant_labels: list[tuple[Any, float, float, str]] = field(default_factory=list)


def radar(introductions: Iterable[Any]) -> Radar:
    """Place each introduction in its quadrant and stage ring, spread evenly
    so blips do not overlap (deterministic: the same plan draws the same)."""
    from teams.models.engineering import TechIntroduction

    stage_labels = dict(TechIntroduction.Stage.choices)
    quadrant_labels = dict(TechIntroduction.Quadrant.choices)
    chart = Radar()
    inner = 0.0
    bounds: dict[str, tuple[float, float]] = {}
    for stage, outer in RINGS:
        chart.rings.append(
            Ring(stage, stage_labels[stage], outer, round(CENTRE - outer + 14, 1))
        )
        bounds[stage] = (inner, outer)
        inner = outer
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for item in introductions:
        groups[(item.quadrant, item.stage)].append(item)
    number = 0
    for q_index, quadrant in enumerate(QUADRANTS):
        start = math.radians(q_index * 90 - 180)  # top-left, clockwise
        for stage, _outer in RINGS:
            items = groups.get((quadrant, stage), [])
            low, high = bounds[stage]
            for i, item in enumerate(items):
                number += 1
                angle = start + math.radians((i + 1) * 90 / (len(items) + 1))
                radius = low + (high - low) * (0.35 + 0.3 * (i % 2))
                chart.blips.append(
                    Blip(
                        number,
                        round(CENTRE + radius * math.cos(angle), 1),
                        round(CENTRE + radius * math.sin(angle), 1),
                        COLOURS[stage],
                        item,
                    )
                )
    corners = (
        (8, 16, "start"),
        (SIZE - 8, 16, "end"),
        (SIZE - 8, SIZE - 8, "end"),
        (8, SIZE - 8, "start"),
    )
    for quadrant, (x, y, anchor) in zip(QUADRANTS, corners, strict=True):
        chart.quadrant_labels.append((quadrant_labels[quadrant], x, y, anchor))
    return chart
