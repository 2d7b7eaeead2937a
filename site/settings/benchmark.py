"""The benchmark's server (`manage.py benchmark` starts gunicorn with it): production-like, plus two probes.

DEBUG off, the database and cache from the environment as in production (DATABASE_URL: the
benchmark measures whatever database it points at), HTTPS redirects off because the clients talk
plain HTTP on the loopback. Added only here:
- `/__bench__/floor/`, a bare Django view through the same middleware (the floor of every page);
- a template for Wagtail's base page type, so a page of that type with a title only renders
  through the portal's base template (the "plain Wagtail page" every page is compared with);
- a middleware that counts each request's queries into the `X-Bench-Queries` header.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, TEMPLATES

# SECRET_KEY comes from DJANGO_SECRET_KEY, which the command sets to its own key: the sessions it
# creates for the signed-in targets must verify in the server.
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "portal.benchmark.urls"
MIDDLEWARE = ["portal.benchmark.middleware.QueryCountMiddleware", *MIDDLEWARE]
TEMPLATES = [{**TEMPLATES[0], "DIRS": [BASE_DIR / "site" / "benchmark" / "templates", *TEMPLATES[0]["DIRS"]]}]
