"""Production: refuses to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, PORTAL_S3_BUCKET, REDIS_URL, SECRET_KEY, STORAGES, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is not set: generate one and put it in the environment.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is not set: list the portal's host names, comma-separated.")

DEBUG = False
# With Redis (REDIS_URL), the cache is shared by every web node, and sessions are read from it:
# written through to the database too, so restarting Redis logs nobody out.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
# nginx sends private files after Django's permission check (README, Production).
# (With the files in a bucket there is nothing on nginx's disk: Django streams them from the bucket.)
_ACCEL_DEFAULT = "" if PORTAL_S3_BUCKET else "/_private/"
PORTAL_PRIVATE_ACCEL_REDIRECT = os.environ.get("PORTAL_PRIVATE_ACCEL_REDIRECT", _ACCEL_DEFAULT)

# HTTPS is terminated at the reverse proxy in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# ... so the client's address for the login lockout is the last one that proxy added.
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("PORTAL_TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets SAMEORIGIN on its own views
