"""`/healthz`: the state of the database, the cache and the Celery broker."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.vendor


def _cache() -> str:
    key = "healthz:probe"
    value = str(time.monotonic())
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("value written to the cache did not come back")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _broker() -> str:
    if settings.CELERY_BROKER_URL == "memory://":
        return "inline (no broker configured)"
    from portal.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return conn.transport_cls


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
def healthz(request):
    results, down = {}, []
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, "detail": check()}
        except Exception as error:  # any failure of a dependency is what this endpoint reports
            results[name] = {"ok": False, "detail": f"{type(error).__name__}: {error}"}
            down.append(name)
    return JsonResponse(
        {"status": "down" if down else "ok", "down": down, "checks": results}, status=503 if down else 200
    )
