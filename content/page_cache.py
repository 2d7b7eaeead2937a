"""Anonymous visitors' pages served from the cache: the public site without the database.

A Wagtail page or the search page asked for by a visitor who carries no session (nobody logged
in, no password-protected page opened, no flash message waiting) is rendered once and kept in
the cache under everything that changes it: host, path and query string, language, the reading
aids (content/aids.py) and the public generation (content/cache.py), which every publication
bumps. Logged-in users never read nor fill it.

A response is kept only if it is a plain 200 that sets no cookie, does not vary on cookies and
used no CSRF token: a token baked into a page would be served to every other visitor (public
pages carry none: the reading-aids and language forms need none). The Content-Security-Policy
has no nonces, so its header is the same for every visitor and is kept with the page.

This middleware sits inside SessionMiddleware and LocaleMiddleware (it needs the language) and
outside everything that touches the database, so a page served from the cache costs no query.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import has_vary_header, patch_vary_headers

from . import aids
from .cache import generation

CACHED_VIEWS = {"wagtail_serve", "search"}
# Cookies that say nothing about who the visitor is: the reading aids (in the key), the language
# (in the key, through the request's language) and a CSRF cookie left by a visit to the login page.
HARMLESS_COOKIES = {aids.COOKIE, settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
HEADER = "X-Portal-Cache"


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return False
    if "HTTP_AUTHORIZATION" in request.META or set(request.COOKIES) - HARMLESS_COOKIES:
        return False
    try:
        return resolve(request.path_info).url_name in CACHED_VIEWS
    except Resolver404:
        return False


def cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        # Set by get_token() (left False once the cookie is sent): a CSRF token went into the page.
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        and not any(word in response.get("Cache-Control", "") for word in ("private", "no-cache", "no-store"))
    )


def cache_key(request) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        aids.classes(aids.current(request)),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"content:page:{generation()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
        else:
            response = self.get_response(request)
            if not cacheable_response(request, response):
                return response
            headers = [(name, value) for name, value in response.items() if name != HEADER]
            cache.set(key, (response.content, headers), settings.PORTAL_PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        # The page depends on the visitor's cookies (session, reading aids): shared caches must know.
        patch_vary_headers(response, ["Cookie"])
        return response
