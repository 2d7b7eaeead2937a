"""`/healthz`: the state of the database, the cache, the Celery broker and the scheduler.

503 names the part that is down. What failed (exception text, which may name hosts and ports) is
shown only to the office; anyone else sees part names and states. The scheduler does not make the
answer 503 (the web still serves), but `status` says "late" when scheduled jobs are not running.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
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


def _is_office(request) -> bool:
    """Whether this request may see details; False whenever that cannot be known (database down)."""
    from coordination import permissions

    try:
        return request.user.is_authenticated and permissions.is_office(request.user)
    except DatabaseError:
        return False


def _scheduler(details: bool) -> dict:
    from coordination import selectors

    try:
        status = selectors.scheduled_jobs()
    except DatabaseError:
        return {"state": "unknown", "late": None}
    jobs = {job["name"]: {"state": job["state"]} for job in status["jobs"]}
    answer = {"state": status["scheduler"]["state"], "late": status["late"], "jobs": jobs}
    if details:
        answer["last_tick_at"] = status["scheduler"]["last_tick_at"]
        for job in status["jobs"]:
            jobs[job["name"]].update(
                last_started_at=job["last_started_at"], last_success_at=job["last_success_at"], error=job["error"]
            )
    return answer


@never_cache
def healthz(request):
    results, down = {}, []
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, "state": "up", "detail": check()}
        except Exception as error:  # any failure of a dependency is what this endpoint reports
            results[name] = {"ok": False, "state": "down", "detail": f"{type(error).__name__}: {error}"}
            down.append(name)
    if "database" in down:
        connection.close()  # the next request reconnects
    details = "database" not in down and _is_office(request)
    if not details:
        for result in results.values():
            del result["detail"]
    scheduler = _scheduler(details) if "database" not in down else {"state": "unknown", "late": None}
    status = "down" if down else "late" if scheduler["late"] else "ok"
    return JsonResponse(
        {"status": status, "down": down, "checks": results, "scheduler": scheduler}, status=503 if down else 200
    )
