# One image for web, worker, beat and the one-shot `migrate` service.
# Three stages: the front-end packages (npm), the build (pinned Python
# packages with their hashes, the compiled catalogue, collected static files),
# and the slim runtime that runs as an unprivileged user.

FROM node:22-bookworm-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.12-slim AS build
ENV PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
COPY requirements/base.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.txt
WORKDIR /app
COPY . .
COPY --from=assets /assets/node_modules ./node_modules
RUN export DJANGO_SECRET_KEY=build-only PATH=/opt/venv/bin:$PATH \
    && python manage.py compilemessages --ignore=node_modules -v0 \
    && python manage.py collectstatic --noinput -v0 \
    && rm -rf tests bench .ci

FROM python:3.12-slim AS app
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 GUNICORN_ACCESS_LOG=- MILEPOST_MEDIA_ROOT=/data/media
# Pango and a CJK font for the PDF report packs (WeasyPrint, issue 24).
RUN apt-get update && apt-get install -y --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 milepost \
    && useradd --system --uid 10001 --gid milepost --no-create-home \
       --home-dir /app --shell /usr/sbin/nologin milepost \
    && mkdir -p /data/media && chown milepost:milepost /data/media
COPY --from=build /opt/venv /opt/venv
# The code stays owned by root: the app user can read it, not change it.
COPY --from=build /app /app
WORKDIR /app
USER milepost
VOLUME ["/data/media"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/', timeout=5)"]
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
