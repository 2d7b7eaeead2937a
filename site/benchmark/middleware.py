"""Counts each request's database queries and times it inside Django, into response headers.

Benchmark settings only, first in the middleware: the time covers every other middleware and the
view, not the wait for a free gunicorn worker nor the streaming of a file response's body."""

import contextlib
import time

from django.db import connections

HEADER = "X-Bench-Queries"
TIME_HEADER = "X-Bench-Ms"


class QueryCount:
    """How many queries the default connection ran inside `counting()`.

    Counted by an execute wrapper rather than `CaptureQueriesContext`, whose figure is 0 once
    the connection's query log (a deque of 9,000) is full."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextlib.contextmanager
def counting():
    queries = QueryCount()
    with connections["default"].execute_wrapper(queries):
        yield queries


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        with counting() as queries:
            response = self.get_response(request)
        response[TIME_HEADER] = f"{(time.perf_counter() - started) * 1000:.2f}"
        response[HEADER] = str(queries.count)
        return response
