"""Milepost settings: one file, read from the environment, safe local defaults.

Local default: SQLite and Celery tasks run in process. Set DATABASE_URL and
REDIS_URL to use PostgreSQL and a Redis broker; set DJANGO_DEBUG=0 (with
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS) for production.
"""

import os
import sys
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
import django
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
    "axes",  # sign-in lockout (issue 20)
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
    "teams",
    "portfolio",
]

MIDDLEWARE = [
    # Operations (issue 25): a request id for the logs, then /health/ answered
    # before host validation and the HTTPS redirect (core/health.py).
    "core.logging.RequestIdMiddleware",
    "core.health.HealthMiddleware",
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
    # Last: turns a locked-out sign-in into the lockout page (issue 20).
    "axes.middleware.AxesMiddleware",
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
# The development server runs a thread per request, and each thread would keep
# its own persistent connection until PostgreSQL's max_connections ran out:
# there connections close after each request; gunicorn's fixed workers keep
# theirs (issue 20). Broken kept connections are replaced, never reused.
if "runserver" in sys.argv:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# AxesStandaloneBackend first: it refuses a locked-out sign-in before any
# password is checked (issue 20).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RoleBackend",
]
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
# The company name printed on every report (portfolio/reports).
MILEPOST_COMPANY_NAME = os.environ.get("MILEPOST_COMPANY_NAME", "Milepost")
# The address e-mailed reports link back to (unsubscribe, drill-downs).
MILEPOST_BASE_URL = os.environ.get("MILEPOST_BASE_URL", "http://127.0.0.1:8000")
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
# Days from reporting a conflict to its default resolve-by date (DESIGN §2).
CONFLICT_DAYS = int(os.environ.get("CONFLICT_DAYS", "5"))
# Days after a retrospective that its report is due (DESIGN §2).
RETRO_REPORT_DAYS = int(os.environ.get("RETRO_REPORT_DAYS", "5"))
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
            # A Redis outage degrades to no cache, never a 500 (issue 20).
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
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

# ---- E-mail (issue 25): the SMTP server from the environment (README
# "Production"). Development prints mails on the console unless
# DJANGO_EMAIL_BACKEND says otherwise. Django 6.1 reads MAILERS, 6.0 the
# EMAIL_* settings: the same values feed whichever this Django reads.
_MAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
_SMTP = {
    "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
    "username": os.environ.get("DJANGO_EMAIL_USER", ""),
    "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
    "use_tls": os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1",
    "use_ssl": os.environ.get("DJANGO_EMAIL_USE_SSL", "0") == "1",
    "timeout": int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10")),
}
if _SMTP["use_tls"] and _SMTP["use_ssl"]:
    raise ImproperlyConfigured(
        "Set DJANGO_EMAIL_USE_TLS (STARTTLS, usually port 587) or "
        "DJANGO_EMAIL_USE_SSL (implicit TLS, usually port 465), not both."
    )
if django.VERSION >= (6, 1):
    MAILERS = {
        "default": {
            "BACKEND": _MAIL_BACKEND,
            "OPTIONS": _SMTP if _MAIL_BACKEND.endswith("smtp.EmailBackend") else {},
        }
    }
else:
    EMAIL_BACKEND = _MAIL_BACKEND
    EMAIL_HOST, EMAIL_PORT = _SMTP["host"], _SMTP["port"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _SMTP["username"], _SMTP["password"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _SMTP["use_tls"], _SMTP["use_ssl"]
    EMAIL_TIMEOUT = _SMTP["timeout"]
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "milepost@localhost")
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

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
    # JSON only (issue 25): a viewset that takes file uploads adds
    # MultiPartParser to its own parser_classes.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
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
        "IssueCategoryEnum": "risks.models.Issue.Category",
        "AppraisalStageEnum": "teams.models.appraisals.Appraisal.Stage",
        "ApplicationStageEnum": "teams.models.recruitment.Application.Stage",
        "DocumentReviewResultEnum": "projects.models.DocumentReview.Result",
        # Requirement.priority and Issue.severity share low/medium/high/critical.
        "LevelEnum": "projects.models.Requirement.Priority",
        # The states of the director's own records (issue 23); a technical
        # plan and a purchase plan share theirs.
        "TechnicalReviewStateEnum": "teams.models.engineering.REVIEW_STATES",
        "PlanStateEnum": "teams.models.engineering.PLAN_STATES",
        "TechStandardStateEnum": "teams.models.engineering.STANDARD_STATES",
    },
    # No call-outs from the docs page (air-gapped intranets, CSP connect-src).
    # Over 200 operations: draw the resource list folded, with a filter box,
    # so the page is usable at once (each resource opens on a click).
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": True,
        "validatorUrl": None,
        "docExpansion": "none",
        "filter": True,
    },
    # Issue 25: `version` is writable in requests, always in answers.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.version_in_every_answer",
    ],
}

# ---- Logging (issue 25): time, level, logger and request id on every line;
# LOG_FORMAT=json writes one JSON object a line (for a log collector).
# Celery's worker and beat keep this configuration (no root-logger hijack).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own lines once, in this format (not also through its defaults).
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Security (issue 20): sign-in lockout, API throttling, uploads, hosts ---
# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one username, or
# from one address, that username/address is refused for AXES_COOLOFF_TIME
# (the app's and the admin's sign-in alike); every failure is logged
# (logger "axes.watch_login") and kept in the AccessAttempt table.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # 429 saying when to retry
AXES_USERNAME_FORM_FIELD = "username"
# The log names the username and address tried (never the password).
AXES_SENSITIVE_PARAMETERS: list[str] = []
# Behind the compose proxy the client's address is the left-most forwarded one.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if not DEBUG else ["REMOTE_ADDR"]
)
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "rest_framework.throttling.AnonRateThrottle",
    "rest_framework.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("API_THROTTLE_ANON", "60/minute"),
    "user": os.environ.get("API_THROTTLE_USER", "3000/minute"),
}
# Uploaded files: at most this many bytes, of the types core/uploads.py allows.
MAX_UPLOAD_BYTES = int(os.environ.get("MILEPOST_MAX_UPLOAD_MB", "25")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, for non-file fields
# How the file view hands a permitted file to the client: "" streams it from
# Django; "nginx" answers X-Accel-Redirect to MILEPOST_SENDFILE_PREFIX + path
# (an `internal` location); "apache" answers X-Sendfile with the full path.
MILEPOST_SENDFILE = os.environ.get("MILEPOST_SENDFILE", "")
MILEPOST_SENDFILE_PREFIX = os.environ.get("MILEPOST_SENDFILE_PREFIX", "/protected/")
# The KPI job (kpis/tasks.py): a killed worker's task goes back to the queue
# (late acknowledgement + reject on worker loss); a message a dead worker held
# is redelivered after the visibility timeout; a run still marked running
# after KPI_JOB_TIMEOUT_SECONDS is re-queued by the watchdog.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
}
KPI_JOB_TIMEOUT_SECONDS = int(os.environ.get("KPI_JOB_TIMEOUT_SECONDS", "3600"))
# Production names its hosts: no silent fall-back to the development ones.
if not DEBUG and not os.environ.get("DJANGO_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=0.")
