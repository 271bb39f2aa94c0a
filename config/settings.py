"""Milepost settings: one file, read from the environment, safe local defaults.

Local default: SQLite and Celery tasks run in process. Set DATABASE_URL and
REDIS_URL to use PostgreSQL and a Redis broker; set DJANGO_DEBUG=0 (with
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS) for production.
"""

import os
from datetime import date
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"  # production sets 0
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    "dev-only-insecure-key-change-me" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    # Ours, lowest layer first (DESIGN §1): each imports only those above it
    # in this list.
    "core",
    "accounts",
    "projects",
    "milestones",
    "risks",
    "changes",
    "reviews",
    "kpis",
    "portfolio",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in user's own language wins.
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portfolio.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # The covering indexes' INCLUDE columns (for PostgreSQL's index-only
    # visibility tests) are dropped on SQLite; the indexes still serve it.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    # Page queries are short: under concurrent requests on a few cores,
    # parallel workers only compete with the other requests (bench/results).
    # The KPI job re-enables them for
    # its own transaction (kpis/services.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get(
        "DATABASE_SESSION_OPTIONS", "-c max_parallel_workers_per_gather=0"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.RoleBackend"]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The language of anyone who chose none (profile) and whose browser asks for
# none we have.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE") or os.environ.get(
    "DJANGO_LANGUAGE_CODE", "en"
)
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [Path(os.environ.get("MILEPOST_LOCALE_DIR") or BASE_DIR / "locale")]
# Our own date and number formats per language (config/formats/<lang>/).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# The one currency an installation keeps its budgets and costs in.
MILEPOST_CURRENCY = os.environ.get("MILEPOST_CURRENCY", "EUR")
# The dates a record may carry (project, phase, milestone, cost, meeting…):
# a typo such as 1900 or 9999 is refused with a message instead of stretching
# every timeline and monthly table that shows the record.
MILEPOST_EARLIEST_DATE = date.fromisoformat(
    os.environ.get("MILEPOST_EARLIEST_DATE", "2000-01-01")
)
MILEPOST_LATEST_DATE = date.fromisoformat(
    os.environ.get("MILEPOST_LATEST_DATE", "2099-12-31")
)
KPI_WINDOW_DAYS = int(os.environ.get("KPI_WINDOW_DAYS", "90"))
# Projects per task of the nightly KPI job. Each chunk re-reads the window's
# rows of tables without a project column and costs a task round trip, so
# chunks are large: 10,000 projects make two, one per worker process of a
# two-core machine (smaller chunks were slower: bench/results).
KPI_CHUNK_SIZE = int(os.environ.get("KPI_CHUNK_SIZE", "5000"))
# Hours from report to resolution before an issue breaches its SLA.
ISSUE_SLA_HOURS = 48
# Lists count at most this many rows; past it they show "1,000+" (and the
# API's `count_capped` is true).
LIST_COUNT_CAP = int(os.environ.get("LIST_COUNT_CAP", "1000"))
# Part of every cached fragment's key, so a deploy never serves HTML an older
# release drew (set it to the release's version or commit in production).
RELEASE = os.environ.get("MILEPOST_RELEASE", "dev")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MILEPOST_MEDIA_ROOT", BASE_DIR / "media"))

# Scripts only from this origin; styles also inline (Bootstrap components and
# server-rendered charts position elements with style attributes).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL  # no broker: run inline
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "milepost")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

_MAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": (
            {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
            }
            if _MAIL_BACKEND.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "milepost@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    # Token first: an anonymous call then gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.rest.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.rest.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api.AutoSchema",
    "EXCEPTION_HANDLER": "core.rest.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Milepost API",
    "DESCRIPTION": "Projects, plans, risks, changes, reviews and KPI snapshots.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several models have a `status`, `kind` or `category` with different choices:
    # name each enum after its model instead of a hash suffix.
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.Project.Status",
        "RequirementStatusEnum": "projects.models.Requirement.Status",
        "RiskStatusEnum": "risks.models.Risk.Status",
        "ChangeRequestStatusEnum": "changes.models.ChangeRequest.Status",
        "KpiSnapshotStatusEnum": "kpis.models.KpiSnapshot.Status",
        "DocumentKindEnum": "projects.models.Document.Kind",
        "ChangeRequestKindEnum": "changes.models.ChangeRequest.Kind",
        "MeetingKindEnum": "reviews.models.Meeting.Kind",
        "ActionItemKindEnum": "reviews.models.ActionItem.Kind",
        "CostCategoryEnum": "projects.models.CostEntry.Category",
        "RiskCategoryEnum": "risks.models.Risk.Category",
        # Requirement.priority and Issue.severity share low/medium/high/critical.
        "LevelEnum": "projects.models.Requirement.Priority",
    },
    # No call-outs from the docs page (air-gapped intranets, CSP connect-src).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
