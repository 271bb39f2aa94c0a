# One image for web, worker and beat.
FROM python:3.12-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_DEBUG=0 GUNICORN_ACCESS_LOG=-
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm make \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e . && pip install --no-cache-dir --no-deps django-celery-beat==2.9.0
COPY . .
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
