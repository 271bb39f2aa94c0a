"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# "-" logs each request to stdout (the container sets it).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


def post_worker_init(worker: object) -> None:
    """Import every view, serializer and form (the URLconf pulls them in), then
    move the start-up heap out of the garbage collector's sight: a request
    that allocates many objects then no longer pays for full collections that
    walk every module, class and schema of the app (the long tail of API
    list pages: bench/results)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect
    gc.freeze()
