"""Counts each request's database queries and times it inside Django, into response headers.

Benchmark settings only, first in the middleware: the time covers every other middleware and the
view, not the wait for a free gunicorn worker nor the streaming of a file response's body."""

import time

from django.db import connections

HEADER = "X-Bench-Queries"
TIME_HEADER = "X-Bench-Ms"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connections["default"].execute_wrapper(counted):
            response = self.get_response(request)
        response[TIME_HEADER] = f"{(time.perf_counter() - started) * 1000:.2f}"
        response[HEADER] = str(count)
        return response
