"""The WSGI entry point takes what it loaded out of the garbage collector's full walks."""

import subprocess
import sys

from django.conf import settings


def test_the_wsgi_module_freezes_django_the_apps_and_their_urlconf():
    code = "import gc, sys, portal.wsgi; print(gc.get_freeze_count(), portal.wsgi.settings.ROOT_URLCONF in sys.modules)"
    frozen, urlconf_loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(frozen) > 100_000 and urlconf_loaded == "True"
    assert settings.WSGI_APPLICATION == "portal.wsgi.application"
