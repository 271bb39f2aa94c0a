"""Celery tasks: they only parse arguments and call kpis.services.

`compute_kpis_task` fans the job out as a chord: one task per chunk of
projects (parallel on several workers), then `finish_kpis_task` pools the
sums the chunks return. Without a broker (eager mode) the same chunks run in
this process, one after the other.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime
from typing import Any

from celery import chord, shared_task
from django.conf import settings
from django.db import DatabaseError

from kpis import services

logger = logging.getLogger(__name__)
RETRY = {
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 6,
    "acks_late": True,
}


def _day(as_of: str | None) -> date:
    return date.fromisoformat(as_of) if as_of else services.last_complete_day()


@shared_task(**RETRY)
def compute_kpis_task(
    as_of: str | None = None, requested_at: str | None = None, force: bool = False
) -> dict[str, Any]:
    """Compute every KPI snapshot for as_of (ISO date; default yesterday, the
    last complete day).

    The date's run record (services.job_claim) makes this run once however
    often it is enqueued: a duplicate skips and says so.
    """
    day = _day(as_of)
    asked = datetime.fromisoformat(requested_at) if requested_at else None
    if not services.job_claim(as_of=day, requested_at=asked, force=force):
        return {"as_of": day.isoformat(), "skipped": True}
    try:
        return _compute(day)
    except Exception:
        services.job_failed(as_of=day)  # its retry (or the watchdog) runs it
        raise


def _compute(day: date) -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"as_of": day.isoformat(), "rows": services.snapshots_compute(as_of=day)}
    chunks = services.project_chunks()
    logger.info("KPI run started: as_of=%s chunks=%d", day.isoformat(), len(chunks))
    finish = finish_kpis_task.s(day.isoformat(), started=time.time())
    if not chunks:
        result = finish.delay([])
    else:
        header = [
            compute_kpi_chunk_task.s(day.isoformat(), first, last)
            for first, last in chunks
        ]
        result = chord(header)(finish)
    return {"as_of": day.isoformat(), "chunks": len(chunks), "finish_id": result.id}


@shared_task(**RETRY)
def compute_kpi_chunk_task(as_of: str, first_id: int, last_id: int) -> dict[str, Any]:
    chunk = services.snapshots_compute_chunk(
        as_of=_day(as_of), first_id=first_id, last_id=last_id
    )
    return chunk.to_json()


@shared_task(**RETRY)
def finish_kpis_task(
    chunks: list[dict[str, Any]] | None, as_of: str, started: float | None = None
) -> int:
    """Pool the chunks' sums (the chord's results); return the date's rows."""
    rows = services.snapshots_finish(
        as_of=_day(as_of),
        chunks=[services.Chunk.from_json(chunk) for chunk in chunks or []],
    )
    logger.info(
        "KPI run: as_of=%s chunks=%d rows=%d duration=%.2fs",
        as_of,
        len(chunks or []),
        rows,
        time.time() - started if started else 0.0,
    )
    return rows


@shared_task
def kpi_watchdog_task() -> list[str]:
    """Re-queue (and report) every run a fault left unfinished: a worker
    killed mid-chord leaves its date marked running past the timeout."""
    requeued = []
    for job in services.jobs_unfinished():
        logger.error(
            "KPI job for %s unfinished since %s: re-queued", job.as_of, job.started_at
        )
        type(job).objects.filter(pk=job.pk).update(requeued=job.requeued + 1)
        compute_kpis_task.delay(job.as_of.isoformat(), force=True)
        requeued.append(job.as_of.isoformat())
    return requeued
