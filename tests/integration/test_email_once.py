"""A worker killed after the mail server took a message never sends it again (a local SMTP sink)."""

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
import uuid

import pytest

from coordination.models import Notification
from coordination.tasks import deliver_notification_email
from portal.celery import app
from tests.factories import UserFactory
from tests.integration.test_celery_worker import ROOT, database_url_of_the_test_database

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take messages; `on_message` runs once a message is taken, before the reply."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SinkHandler)
        self.messages: list[bytes] = []
        self.on_message = lambda: None


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.reply("250 sink")
            elif command == b"DATA":
                self.reply("354 go on")
                body = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                self.server.messages.append(body)
                self.server.on_message()  # the message is taken; the worker may now die
                self.reply("250 taken")
            elif command == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


@pytest.fixture
def sink():
    server = Sink()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def start_worker(redis_url, queue, sink, log):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.server_address[1]),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def wait_for(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message()
        time.sleep(0.2)


@pytest.mark.parametrize("killed", ["pool child", "main process"])
def test_a_worker_killed_after_the_mail_server_took_the_message_sends_it_once(
    redis_url, sink, tmp_path, killed, through_the_broker
):
    queue = f"mail-{uuid.uuid4().hex[:8]}"
    logfile = tmp_path / "worker.log"
    log = logfile.open("w")
    workers = [start_worker(redis_url, queue, sink, log)]
    try:
        wait_for(lambda: "ready." in logfile.read_text(), 90, lambda: logfile.read_text())
        main = workers[0].pid

        def kill():
            if killed == "pool child":
                for child in children(main):
                    os.kill(child, signal.SIGKILL)
            else:
                os.killpg(main, signal.SIGKILL)  # the main process and its pool, at once

        sink.on_message = kill
        user = UserFactory(email="liaison@example.invalid")
        notification = Notification.objects.create(recipient=user, title="催办通知")
        with app.connection_for_write(redis_url) as conn:
            deliver_notification_email.apply_async(args=[notification.pk], queue=queue, connection=conn)
        wait_for(lambda: sink.messages, 60, lambda: logfile.read_text())
        sink.on_message = lambda: None
        if killed == "main process":
            workers.append(start_worker(redis_url, queue, sink, log))  # the task comes back to this one
        # Past the visibility timeout and the broker's restore cycle, the task is run again, to its end.
        wait_for(lambda: "succeeded" in logfile.read_text(), 90, lambda: logfile.read_text())
        time.sleep(3)
        assert len(sink.messages) == 1
        notification.refresh_from_db()
        assert notification.email_claimed_at is not None and notification.emailed_at is None
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        log.close()
