"""gunicorn with the benchmark settings on a free loopback port, for the length of a `with` block."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time

from django.conf import settings

from .urls import FLOOR_PATH

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", FLOOR_PATH)
        return connection.getresponse().status == 200
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(workers: int = 2, wait: float = 60):
    """Start gunicorn (`workers` sync workers, `portal.settings.benchmark`, the environment's
    DATABASE_URL, and this process's SECRET_KEY and file folders: the server verifies the sessions
    made here and serves the files this process's settings stored); yield its port once the floor
    view answers.

    No Celery worker runs beside it, so the server runs its tasks inline (the embedded default,
    without CELERY_BROKER_URL): the only one a GET queues is the rendering of a PDF not stored yet."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.benchmark",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PORTAL_PRIVATE_ROOT": str(settings.PORTAL_PRIVATE_ROOT),
    }
    env.pop("CELERY_BROKER_URL", None)
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", str(workers)]
    command += ["--bind", f"{HOST}:{port}", "--timeout", "600", "--log-level", "warning"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + wait
            while not answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"gunicorn did not answer on port {port}:\n{log.read().decode()[-3000:]}")
                time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
