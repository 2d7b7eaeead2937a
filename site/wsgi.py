"""WSGI entry point: `gunicorn portal.wsgi` (the folder `site/` is installed as `portal`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
