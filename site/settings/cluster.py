"""Production as one node of several, on the loopback (tests/integration/test_two_nodes.py).

Everything from `production` (Redis cache and sessions, files in the bucket, DEBUG off, secure
cookies: the test's client says it came through HTTPS with X-Forwarded-Proto), except the static
files, served by their plain storage so the nodes start without `collectstatic`.
"""

from .production import *  # noqa: F403
from .production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
