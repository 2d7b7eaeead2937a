"""Local development: the embedded default, with debugging on."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = True
SECRET_KEY = _SECRET_KEY or "dev-only-not-secret-3f1c9b2e"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
