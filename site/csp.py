"""The one exception to the portal's Content-Security-Policy: the Wagtail admin's inline code.

Wagtail 8 still starts its InlinePanel, choosers and date pickers with inline `<script>`s and its
editor applies inline styles (wagtail/wagtail#1288, #12940), so under `script-src 'self'` an
editor cannot add an attachment or choose a replacing document. Behind `/admin/` only, for a user
who logged in (with a second factor where the role needs one), inline scripts and styles are
allowed; everything else (sources, objects, frames, forms) stays as strict as on every other page.
The public site and the workbench, which show what others typed and uploaded, keep the full policy.
"""

from csp.constants import UNSAFE_INLINE

ADMIN_PREFIX = "/admin/"
ADMIN_UPDATE = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class WagtailAdminPolicyMiddleware:
    """Listed after django-csp's middleware, so the update is on the response before it builds the header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX) and request.user.is_authenticated:  # its login page stays strict
            response._csp_update = ADMIN_UPDATE
        return response
