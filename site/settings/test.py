"""Test runs: the embedded default unless DATABASE_URL / CELERY_BROKER_URL say otherwise (CI)."""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, STORAGES, VAR_DIR

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test's worker process is pointed at a real SMTP server (EMAIL_HOST).
if not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each pytest-xdist worker ("gw0", "gw1" …) has its own folders, as it has its own test database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / f"test-media{_WORKER}"
PORTAL_PRIVATE_ROOT = VAR_DIR / f"test-private{_WORKER}"
# …and its own keys in a shared cache (Redis in CI), or its own folder of cache files.
CACHES["default"]["KEY_PREFIX"] = f"test{_WORKER}"
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    CACHES["default"]["LOCATION"] = str(VAR_DIR / f"test-cache{_WORKER}")
# Rate limits count in this process's memory, emptied before each test (tests/conftest.py), so one
# test's posts never use up another's allowance, whatever the cache.
CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
RATELIMIT_USE_CACHE = "ratelimit"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
if STORAGES["private"]["BACKEND"] == "coordination.storage.PrivateStorage":
    STORAGES = {**STORAGES, "private": {**STORAGES["private"], "OPTIONS": {"location": PORTAL_PRIVATE_ROOT}}}
# Tests run tasks inline even where a broker is configured (CI); the integration tests send
# through Redis to a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = True

# Live-server threads must not keep connections open, or the test database cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# A worker process started by the tests must see the test database, so SQLite tests use a file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
