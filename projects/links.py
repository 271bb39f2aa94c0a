"""Links from a project record to records of the apps above this one.

A document may report on a meeting (DESIGN §2), but meetings live in
`reviews`, above `projects`: the document keeps the meeting's id and the app
that owns meetings registers here, at start-up, how to find a meeting's
project. Nothing in this app names that app.
"""

from __future__ import annotations

from collections.abc import Callable

MeetingLookup = Callable[[int], int | None]  # meeting id -> its project's id
_meeting_lookup: list[MeetingLookup] = []


def register_meeting_lookup(lookup: MeetingLookup) -> None:
    _meeting_lookup[:] = [lookup]


def meeting_project(meeting_id: int) -> int | None:
    """The project id of a meeting (None if there is no such meeting)."""
    if not _meeting_lookup:
        return None
    return _meeting_lookup[0](meeting_id)
