"""Refuse input no form of ours accepts before it reaches a view: NUL characters.

A NUL in a query string or a form field is never typed by a person; databases refuse it
(PostgreSQL cannot store it in text) and it used to surface as a server error. One check here
answers 400 for every URL instead of one guard per view.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query_dict.lists())


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        posted_form = request.method == "POST" and request.content_type in FORM_TYPES
        if "\x00" in request.path or _has_nul(request.GET) or (posted_form and _has_nul(request.POST)):
            message = _("请求中含有不允许的字符（NUL）。")
            if request.path.startswith("/api/"):  # the API answers in JSON, as its schema documents
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
