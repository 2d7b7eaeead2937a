"""How a login is decided: lockout first, then the password, never the demo password in production.

Listed in `AUTHENTICATION_BACKENDS` (settings/base.py). The second factor is asked after the
password, by `coordination.middleware.TwoFactorMiddleware`, on the screens that need it.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render

# The shared password of the demo accounts (`load_demo`), printed in the README: refused outside development.
DEMO_PASSWORD = "lianxi-demo-2026"


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login made through a request.

    A login page always passes the request. Code that authenticates without one (the test
    client's `login()`, a management command) is not someone guessing passwords over the network,
    so it is not counted; axes itself would refuse it with an exception.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def demo_allowed() -> bool:
    return settings.DEBUG or settings.PORTAL_ALLOW_DEMO


class PortalModelBackend(ModelBackend):
    """Django's username and password check, refusing the demo password outside development.

    The demo accounts (`load_demo`) share a password printed in the README. Accounts loaded on a
    server by mistake, or a real user who set that password, must not open a session there.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not demo_allowed():
            # Hash anyway, so a refusal takes as long as a wrong password.
            super().authenticate(request, username=username, password="", **kwargs)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address for the lockout: REMOTE_ADDR, or X-Forwarded-For behind our proxies.

    With `PORTAL_TRUSTED_PROXY_COUNT` = n, the n-th address from the right of X-Forwarded-For is
    the one our outermost proxy saw; addresses left of it are whatever the client claimed.
    """
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, in the portal's style and language, with how long to wait."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
