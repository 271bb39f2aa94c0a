"""One iCalendar (RFC 5545) event, for an invitation a calendar can import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta


def _text(value: str) -> str:
    """Escape a TEXT value (backslash, semicolon, comma, newline)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event(
    *,
    uid: str,
    summary: str,
    start: datetime | date,
    end: datetime | date | None = None,
    location: str = "",
    description: str = "",
    url: str = "",
    organizer: str = "",
    attendees: Iterable[str] = (),
    sequence: int = 0,
    stamp: datetime | None = None,
) -> str:
    """Return a VCALENDAR with one VEVENT: timed (aware datetimes, written
    in UTC) or all-day (dates; the end is the day after unless given)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Milepost//Meetings//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{_utc(stamp or datetime.now(UTC))}",
    ]
    if isinstance(start, datetime):
        lines.append(f"DTSTART:{_utc(start)}")
        finish = end if isinstance(end, datetime) else start + timedelta(hours=1)
        lines.append(f"DTEND:{_utc(finish)}")
    else:
        finish_day = end if isinstance(end, date) else start + timedelta(days=1)
        lines.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{finish_day:%Y%m%d}")
    lines.append(f"SUMMARY:{_text(summary)}")
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    if organizer:
        lines.append(f"ORGANIZER:mailto:{organizer}")
    lines += [
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{email}" for email in attendees
    ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
