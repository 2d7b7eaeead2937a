"""The second step of login: a one-time code before the workbench, the admin or the API.

After the password, a user who has enrolled a TOTP device is asked for a code; a user who must
have one (`permissions.two_factor_required`) and has not enrolled is sent to enrolment. The
check runs on `PORTAL_TWO_FACTOR_PATHS` only: the public site needs no login at all, and the
enrolment and verification pages themselves must stay reachable.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import permissions

# Leaving must always be possible, verified or not.
OPEN_PATHS = ("/admin/logout/",)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.refusal(request) or self.get_response(request)

    def refusal(self, request):
        if not settings.PORTAL_TWO_FACTOR_ENFORCED or not self.guarded(request.path):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if user_has_device(user, confirmed=True):
            step = "account:two-factor-verify"
        elif permissions.two_factor_required(user):
            step = "account:two-factor-enrol"
        else:
            return None
        if request.path.startswith("/api/"):
            return HttpResponseForbidden(_("请先完成两步验证。"))
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def guarded(path: str) -> bool:
        if path.startswith(OPEN_PATHS):
            return False
        return path.startswith(tuple(settings.PORTAL_TWO_FACTOR_PATHS))
