"""Failure pages (404, 403, 500, 503) that render without the database.

They extend the public site's `base.html` with a plain context, so no context processor runs:
no session, no user, no Wagtail settings, no page tree. The navigation comes from the cache when
the public site has put it there, and the footer from settings. A database that is unreachable
(OperationalError, InterfaceError) answers 503 with Retry-After instead of a 500: the visitor is
told to come back, and Django reconnects on the next request once the database is back.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.errors")

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def _navigation(request) -> list:
    """The public navigation as last cached by the site, or none: never a database query."""
    try:
        from django.core.cache import cache

        from content.cache import KEY

        generation = cache.get(KEY)
        items = cache.get(f"content:nav:{generation}:{request.get_host()}") if generation else None
        return list(items or [])
    except Exception:  # a cache that is down or a bad Host header: the page still renders
        return []


def render_error(request, status: int, title: str, message: str) -> HttpResponse:
    context = {
        "status": status,
        "error_title": title,
        "error_message": message,
        "nav_items": _navigation(request),
        "request": request,
        "office_name": settings.PORTAL_OFFICE_NAME,
    }
    html = loader.get_template(f"errors/{status}.html").render(context)
    response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception=None):
    return render_error(request, 404, _("页面不存在"), _("您访问的页面不存在，可能已被移动或删除。"))


def permission_denied(request, exception=None):
    return render_error(request, 403, _("无权访问"), _("您没有访问此页面的权限。如需访问，请联系联席会议办公室。"))


def service_unavailable(request):
    return render_error(request, 503, _("服务暂时不可用"), _("系统正在维护或暂时无法访问，请稍后再试。"))


def server_error(request):
    """Django's 500 handler: a database that is down is a 503, anything else a 500."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable(request)
    return render_error(request, 500, _("系统出错"), _("系统处理您的请求时出错，我们会尽快处理。请稍后再试。"))


class DatabaseUnavailableMiddleware:
    """A view or template that cannot reach the database answers 503 with the failure page (even with DEBUG)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None
