"""WSGI entry point: `gunicorn portal.wsgi` (the folder `site/` is installed as `portal`)."""

import gc
import importlib
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, the apps, their URLconf and views: about 260,000 objects)
# lives as long as the process. Frozen out of the collector's generations, it is no longer walked
# by every full collection, which a request then and again pays for: about 200 ms each at the
# load data's volume before, 20–40 ms after (`gc.freeze`).
importlib.import_module(settings.ROOT_URLCONF)
gc.freeze()
