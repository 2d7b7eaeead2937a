"""Settings shared by every environment.

Everything that differs between a laptop and the district's servers is read from the
environment (see `.env.example`). With no environment at all the portal runs embedded:
SQLite under `var/`, Celery tasks executed inline, mail printed to the console.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "coordination",
    "content",
    "content.fulltext",
    "django_ratelimit",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.RefuseNulCharactersMiddleware",
    # Anonymous visitors' pages from the cache: after the language is known, before anything that
    # reads the database or hands out a CSRF token (content/page_cache.py).
    "content.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coordination.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.csp.WagtailAdminPolicyMiddleware",  # after it: its update is read when the header is built
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.errors.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "content.context_processors.navigation",
                "content.aids.reading_aids",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles any query it estimates as costly: a workbench list graded by light
    # (a correlated subquery per row) spent 450 ms compiling and 20 ms running. Short queries only here.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (production, CI), otherwise files under var/. Not memory of
# one process: the scheduler (`make run` starts it beside the web server) publishes pages, and the
# web process must see the generation it bumps (portal/generations.py), or it serves old pages.
REDIS_URL = os.environ.get("REDIS_URL", "")
# django-ratelimit: Django's own Redis backend increments atomically (INCR), though the library
# lists only django-redis as "officially supported" (its warning W001).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Rate limits (django-ratelimit) count with an atomic increment, which files lack; only the
        # web process counts, and the embedded default runs one, so its memory is shared enough.
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
    }
    RATELIMIT_USE_CACHE = "ratelimit"
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]  # one process: see above
# How long an anonymous visitor's page is kept (content/page_cache.py); every publication ends it
# sooner. It also bounds how late a page shows what changes with the date alone (a policy's
# validity). 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "600"))

AUTHENTICATION_BACKENDS = [
    "coordination.auth.LockoutBackend",  # first: a locked-out login is refused before any password check
    "coordination.auth.PortalModelBackend",  # Django's, refusing the published demo password outside development
    "guardian.backends.ObjectPermissionBackend",
]
# Guardian's anonymous user row is not needed: the public never holds object permissions.
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# 等保 2.0 level 3: login-failure handling, idle time-out and a second factor for administrators.
# Lockout (django-axes): after PORTAL_LOGIN_FAILURE_LIMIT failures for one username from one
# address, and after as many from one address whatever the username, for PORTAL_LOGIN_COOLOFF_MINUTES.
# Behind a reverse proxy every request comes from the proxy: set PORTAL_TRUSTED_PROXY_COUNT so the
# client's own address is read from X-Forwarded-For, or one user's typos lock out everyone.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("PORTAL_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_CALLABLE = "coordination.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "coordination.auth.client_ip"
AXES_RESET_ON_SUCCESS = False  # a success must not wipe the address's count of other users' failures
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "coordination.auth.client_ip"  # the rate limits see the address the lockout sees
# Idle time-out: the session ends after this long without a request (every request renews it).
SESSION_COOKIE_AGE = int(os.environ.get("PORTAL_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
# Second factor (django-otp, TOTP): required of the office, superusers and leaders who sign off,
# optional for everyone else; enforced on these paths (coordination/middleware.py).
PORTAL_TWO_FACTOR_ENFORCED = env_bool("PORTAL_TWO_FACTOR_ENFORCED", True)
PORTAL_TWO_FACTOR_PATHS = ["/workbench/", "/admin/", "/api/", "/account/password/"]
OTP_TOTP_ISSUER = "联席会议协调平台"
# Wagtail's admin would load avatars from gravatar.com: no page may make third-party requests.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/workbench/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# What units upload and the office's PDFs live outside MEDIA_ROOT, so no web server serves them
# directly; coordination/files.py serves them after the same permission check as their object.
PORTAL_PRIVATE_ROOT = Path(os.environ.get("PORTAL_PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "coordination.storage.PrivateStorage", "OPTIONS": {"location": PORTAL_PRIVATE_ROOT}},
}
# Several machines (README, Production): with PORTAL_S3_BUCKET set, public media (Wagtail's images
# and documents) and private files both live in one S3-compatible bucket, under `media/` and
# `private/`, with no public ACL. Credentials as boto3 reads them (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY, or the machine's role); AWS_S3_ENDPOINT_URL for a server that is not AWS.


def object_storages(bucket: str) -> dict:
    """The `default` and `private` storages in one bucket; endpoint and region from the environment."""
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "default_acl": None,
        "file_overwrite": False,
        # Image URLs are signed, for longer than any cached page that shows one lives.
        "querystring_expire": 12 * 3600,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**options, "location": "media"}},
        "private": {"BACKEND": "coordination.storage.PrivateS3Storage", "OPTIONS": {**options, "location": "private"}},
    }


PORTAL_S3_BUCKET = os.environ.get("PORTAL_S3_BUCKET", "")
if PORTAL_S3_BUCKET:
    STORAGES |= object_storages(PORTAL_S3_BUCKET)
# Wagtail documents are always streamed by Wagtail's view after its privacy check, never
# redirected to the storage's own URL (which in a bucket would bypass it).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Empty: Django streams private files itself. Set (e.g. "/_private/"), Django checks permission and
# hands the file to nginx with X-Accel-Redirect to this `internal` location (README, Production).
PORTAL_PRIVATE_ACCEL_REDIRECT = os.environ.get("PORTAL_PRIVATE_ACCEL_REDIRECT", "")

# Mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "联席会议办公室 <noreply@localhost>")

# Celery: Redis as broker when CELERY_BROKER_URL is set; otherwise tasks run inline, in the
# request that queued them, so the embedded default needs no broker and no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
# Environments that share one Redis keep their tasks apart by queue name (workers: `-Q NAME`).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True  # tasks are idempotent; a worker lost mid-task means a retry
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task unacknowledged this long is re-delivered: longer than any task runs (a 通报 PDF takes
# seconds), short enough that work held by a killed worker resumes within minutes. No task is
# queued with a countdown, so nothing waits in the broker longer than this.
_visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 15 * 60))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # The lock a worker takes while it puts unacknowledged tasks back; a worker killed holding it
    # must not keep the others from restoring a task longer than a task stays invisible.
    "unacked_mutex_expire": min(300, _visibility_timeout),
    # kombu 5.7 sweeps for such tasks every interval × throttle seconds (10 × 10 by default): a
    # sweep every 10 s at most, so a task a dead worker held comes back soon after it is visible.
    "unacked_restore_interval": max(1, min(10, _visibility_timeout)),
    "unacked_restore_throttle": 1,
}
# A write must not hang on a broker that is down: publishing fails fast and the outbox retries.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Scheduled jobs, run by `manage.py run_scheduler` (started by `make run`, a service in
# production) or one by one from cron (`manage.py publish_scheduled`, `send_reminders`,
# `send_office_digest`, `escalate_red_items`). "every": seconds between runs; "at": local time
# daily, "weekday" 0 = Monday.
# A job that missed its time (the machine was off) runs at the scheduler's next tick; every job is
# idempotent (reminders once per item, deadline and stage in one digest per unit and day, the weekly
# digest once per week, escalation once per item and deadline).
PORTAL_SCHEDULE = {
    "publish_scheduled": {"every": int(os.environ.get("PORTAL_PUBLISH_EVERY_SECONDS", "60"))},
    "deliver_waiting": {"every": 60},  # the outbox: tasks the broker missed are handed over again
    "send_reminders": {"at": "08:00"},
    "escalate_red_items": {"at": "08:15"},  # red items to the convenors, once per deadline
    "send_office_digest": {"at": "08:30", "weekday": 0},
    "send_meeting_reminders": {"at": "08:10"},
    "send_contact_reminders": {"at": "08:20"},  # first contact with a proposer missed, once
    "send_disclosure_reminders": {"at": "08:05"},  # information requests near or past their deadline
}
PORTAL_SCHEDULER_TICK_SECONDS = float(os.environ.get("PORTAL_SCHEDULER_TICK_SECONDS", "20"))
# /healthz and the office call a job "late" this long after it should have run.
PORTAL_SCHEDULER_LATE_AFTER_SECONDS = int(os.environ.get("PORTAL_SCHEDULER_LATE_AFTER_SECONDS", "600"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "联席会议协调平台 API",
    "DESCRIPTION": "成员单位办公系统对接：查询本单位督办事项，报送进展。",
    "VERSION": "1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Progress is posted as JSON or, with attachments, as multipart: separate request components
    # keep read-only fields out of what a client sends.
    "COMPONENT_SPLIT_REQUEST": True,
    # The deploy check would build a schema of every DRF view, Wagtail admin's own included;
    # ours is validated by tests/coordination/api/test_schema.py.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

WAGTAIL_SITE_NAME = "联席会议协调平台"
# No avatars from gravatar.com: the policy allows no third-party images, and staff e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Where the public reaches the site: every absolute URL (sitemap, feeds, og:url) is built on it; the
# default Site record is set to it after each migrate (content/public_address.py).
PORTAL_PUBLIC_URL = os.environ.get("PORTAL_PUBLIC_URL", WAGTAILADMIN_BASE_URL)
# The stock database backend, with Chinese substring matching for the admin (content/fulltext/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "content.fulltext.backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "txt", "zip"]
WAGTAIL_I18N_ENABLED = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Attachments of progress reports and topics: checked by content (coordination/uploads.py).
PORTAL_UPLOAD_MAX_BYTES = int(os.environ.get("PORTAL_UPLOAD_MAX_MB", "10")) * 1024 * 1024
# Office files are zips: what they unpack to is bounded too, so a small upload cannot be a zip bomb.
PORTAL_UPLOAD_MAX_INFLATED_BYTES = int(os.environ.get("PORTAL_UPLOAD_MAX_INFLATED_MB", "200")) * 1024 * 1024
# Reminders to liaisons (coordination/cadence.py), in one digest per unit and working day: these
# days before the deadline, on the day, then weekly for PORTAL_OVERDUE_REMINDER_WEEKS weeks; then
# the office is told once, in its own daily digest, and the unit is not reminded again.
PORTAL_REMINDER_DAYS = [int(d) for d in env_list("PORTAL_REMINDER_DAYS", "7,1")]
PORTAL_OVERDUE_REMINDER_WEEKS = int(os.environ.get("PORTAL_OVERDUE_REMINDER_WEEKS", "2"))
# Digests go out on working days only (weekends and holidays off, 调休 days on); what falls on a
# rest day goes out on the next working day. "false" sends every day.
PORTAL_REMINDERS_WORKDAYS_ONLY = os.environ.get("PORTAL_REMINDERS_WORKDAYS_ONLY", "true").lower() != "false"
# The office is reminded once when a held meeting's minutes are not issued this many days after it.
PORTAL_MINUTES_DUE_DAYS = int(os.environ.get("PORTAL_MINUTES_DUE_DAYS", "7"))
# Graded warnings of supervised work (coordination/grading.py): yellow within YELLOW_DAYS of the
# deadline; red when overdue, or within RED_DAYS of it with reported progress below RED_BELOW_PERCENT.
PORTAL_GRADING = {
    "yellow_days": int(os.environ.get("PORTAL_GRADING_YELLOW_DAYS", "7")),
    "red_days": int(os.environ.get("PORTAL_GRADING_RED_DAYS", "3")),
    "red_below_percent": int(os.environ.get("PORTAL_GRADING_RED_BELOW_PERCENT", "80")),
}

# Content-Security-Policy (django-csp 4): the portal's own scripts and styles only, nothing inline;
# the Wagtail admin alone may run its inline code (site/csp.py). tests/e2e/test_csp.py reads the
# browser's console for violations.
# Only the 公文 print preview allows its inline styles (coordination/views/minutes.py). Embeds from
# other sites (wagtail.embeds) would need their hosts in frame-src.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# One line per event with time, level and logger, so an operator can grep what the portal did:
# coordination.* (services, tasks, importers) and content.* log at PORTAL_LOG_LEVEL (INFO).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"portal": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "portal"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.server": {"level": "INFO"},
        "celery.worker": {"level": "INFO"},
        "coordination": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "content": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
}

# Demo accounts have a published password: loading them outside DEBUG must be asked for.
PORTAL_ALLOW_DEMO = env_bool("PORTAL_ALLOW_DEMO")

# Fields of a disclosed reply kept from the public (personal data), per the disclosure policy.
PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS = env_list("PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS", "contact_phone")

# Identity of the joint meeting, used by the public site and the official documents.
PORTAL_MEETING_NAME = _("陈仓区社会救助工作联席会议")
PORTAL_OFFICE_NAME = "陈仓区社会救助工作联席会议办公室"
# 文号 of issued minutes: {year} and {serial} are filled in on issue.
PORTAL_MINUTES_NUMBER_PATTERN = os.environ.get("PORTAL_MINUTES_NUMBER_PATTERN", "陈社救联纪〔{year}〕{serial}号")
# A prepared ledger export (督办台账) is kept this many days, then deleted with its file.
PORTAL_LEDGER_EXPORT_DAYS = 7
PORTAL_CIRCULAR_NUMBER_PATTERN = os.environ.get("PORTAL_CIRCULAR_NUMBER_PATTERN", "陈社救联通〔{year}〕{serial}号")
# Replies to suggestions and proposals: {prefix} is the unit's 代字, {word} 建 (NPC) or 提 (CPPCC).
PORTAL_REPLY_NUMBER_PATTERN = os.environ.get("PORTAL_REPLY_NUMBER_PATTERN", "{prefix}{word}函〔{year}〕{serial}号")
# Requests for government information (依申请公开): who answers, how requests and answer letters
# are numbered ({year}, {serial}), the 条例's periods in working days, reminders before the deadline,
# and how many requests and look-ups one address may make in an hour (the form is anonymous).
PORTAL_DISCLOSURE_ISSUER = os.environ.get("PORTAL_DISCLOSURE_ISSUER", "宝鸡市陈仓区民政局")
PORTAL_DISCLOSURE_NUMBER_PATTERN = os.environ.get("PORTAL_DISCLOSURE_NUMBER_PATTERN", "依申请〔{year}〕第{serial}号")
PORTAL_DISCLOSURE_LETTER_PATTERN = os.environ.get("PORTAL_DISCLOSURE_LETTER_PATTERN", "陈民依复〔{year}〕{serial}号")
PORTAL_DISCLOSURE_ANSWER_WORKDAYS = 20
PORTAL_DISCLOSURE_MAX_EXTENSION_WORKDAYS = 20
PORTAL_DISCLOSURE_CORRECTION_WORKDAYS = int(os.environ.get("PORTAL_DISCLOSURE_CORRECTION_WORKDAYS", "15"))
PORTAL_DISCLOSURE_REMINDER_WORKDAYS = [int(d) for d in env_list("PORTAL_DISCLOSURE_REMINDER_WORKDAYS", "5,1")]
PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR = int(os.environ.get("PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR", "5"))
PORTAL_DISCLOSURE_LOOKUPS_PER_HOUR = int(os.environ.get("PORTAL_DISCLOSURE_LOOKUPS_PER_HOUR", "30"))
PORTAL_PROPOSAL_REPLY_MONTHS = 3  # reply due three months after assignment
PORTAL_PROPOSAL_MAX_MONTHS = 6  # extensions never beyond six months after assignment
PORTAL_PROPOSAL_CO_OPINION_MONTHS = 1  # co-units give their opinion within a month
PORTAL_PROPOSAL_RETURN_DAYS = 5  # a misassigned item may be returned within this many days
PORTAL_PROPOSAL_REDO_MONTHS = 1  # after an unsatisfied rating, a new reply within a month
# 办前面商: the handling unit first contacts the proposer within this many working days of assignment.
PORTAL_PROPOSAL_FIRST_CONTACT_WORKDAYS = int(os.environ.get("PORTAL_PROPOSAL_FIRST_CONTACT_WORKDAYS", "15"))
# The office's home lists a held meeting whose minutes are not issued this many days after it.
PORTAL_MINUTES_DUE_DAYS = int(os.environ.get("PORTAL_MINUTES_DUE_DAYS", "7"))
PORTAL_MINUTES_COPIES_TO = "区委办公室，区人大常委会办公室，区政协办公室"
