"""Two web nodes and two workers, nothing on any one's disk: one PostgreSQL, one Redis, one bucket.

Two gunicorn processes with the production settings (`portal.settings.cluster`) on 127.0.0.1 and
127.0.0.2, as two machines behind a load balancer would be, and two Celery workers on one queue.
A liaison signs in on node A and their session works on node B; a page published elsewhere (a
third process, as the scheduler's machine) changes the page node B had cached for anonymous
visitors; a file uploaded through A downloads, the same bytes, through B; ledgers the office
asks for on node A are written by the workers, each once, and download through node B.
"""

import dataclasses
import http.client
import io
import os
import re
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django_otp.oath import TOTP
from openpyxl import load_workbook

from tests.coordination.files.samples import PDF
from tests.integration.conftest import free_port
from tests.integration.test_celery_worker import ROOT, database_url_of_the_test_database

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="nodes share PostgreSQL (CI's 2nd pass)"),
]

HOST = "portal.test"  # the name the load balancer forwards; the same on both nodes

SET_UP = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from content.demo.pages import load_home
from coordination import permissions, services
from coordination.demo import load_units

units = load_units(lambda line: None)
load_home(lambda line: None)
User = get_user_model()
office = User.objects.create_user("office-n", "office@example.invalid", "office-pass-1")
office.groups.add(permissions.role_group(permissions.Role.OFFICE))
from django_otp.plugins.otp_totp.models import TOTPDevice
phone = TOTPDevice.objects.create(user=office, name="phone", confirmed=True)
liaison = User.objects.create_user("liaison-n", "liaison@example.invalid", "node-pass-1")
services.liaison_appoint(actor=office, unit=units[5], user=liaison, start_date=timezone.localdate())
item = services.action_item_create(
    actor=office, title="入户核查", lead_unit=units[5], deadline=timezone.localdate() + datetime.timedelta(days=7)
)
print(phone.key)
print(item.pk)
"""

PUBLISH = """
import os
from content.models import HomePage
home = HomePage.objects.get()
home.title = os.environ["NEW_TITLE"]
home.save_revision().publish()
"""


class Browser:
    """One visitor's cookies, sent to whichever node is asked, as through the HTTPS load balancer."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, node, method, path, body=b"", content_type=None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.9"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers |= {"Origin": f"https://{HOST}", "Referer": f"https://{HOST}{path}", "Content-Type": content_type}
        conn = http.client.HTTPConnection(*node, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.headers, data

    def csrf(self, node, path) -> str:
        status, _, page = self.request(node, "GET", path)
        assert status == 200, page[:2000]
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    def post(self, node, path, fields, files=None, form_on=None):
        """POST as the form on `form_on` (default: `path` itself) would, with its CSRF token."""
        fields = {"csrfmiddlewaretoken": self.csrf(node, form_on or path), **fields}
        if not files:
            return self.request(node, "POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        for name, (filename, content) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(f"{head}Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(node, "POST", path, body, f"multipart/form-data; boundary={boundary}")


def answers(node) -> bool:
    try:
        conn = http.client.HTTPConnection(*node, timeout=2)
        conn.request("GET", "/healthz", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
        return conn.getresponse().status in (200, 503)
    except OSError:
        return False


@pytest.fixture
def cluster(s3_bucket, redis_url, tmp_path):
    env = {
        **os.environ,
        **s3_bucket.env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.cluster",
        "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url_of_the_test_database(),
        "REDIS_URL": os.environ.get("REDIS_URL") or redis_url,
        "PORTAL_VAR_DIR": str(tmp_path / "var"),  # nothing is to be written there
    }
    env["CELERY_BROKER_URL"] = redis_url
    env["CELERY_TASK_DEFAULT_QUEUE"] = queue = f"nodes-{uuid.uuid4().hex[:8]}"  # this test's tasks only
    manage = [sys.executable, "manage.py"]
    out = subprocess.run(
        [*manage, "shell", "-c", SET_UP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    key, item_id = out.stdout.split()[-2], int(out.stdout.split()[-1])  # the last lines SET_UP prints
    nodes, processes = [("127.0.0.1", free_port()), ("127.0.0.2", free_port("127.0.0.2"))], []
    log = (tmp_path / "nodes.log").open("w")
    for host, port in nodes:
        command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", "1"]
        command += ["--bind", f"{host}:{port}", "--log-level", "warning"]
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
    workers = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    for name, path in zip("ab", workers, strict=True):
        command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q", queue]
        command += ["-n", f"{queue}-{name}@%h", "--loglevel=INFO"]
        with path.open("w") as out:
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))
    try:
        deadline = time.monotonic() + 60
        while not (all(answers(node) for node in nodes) and all("ready." in w.read_text() for w in workers)):
            if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                logs = "\n".join(path.read_text()[-2000:] for path in [tmp_path / "nodes.log", *workers])
                pytest.fail(f"the nodes or workers did not start:\n{logs}")
            time.sleep(0.3)
        yield Cluster(nodes, env, item_id, bytes.fromhex(key), workers)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        log.close()
    assert not (tmp_path / "var" / "media").exists() and not (tmp_path / "var" / "private").exists()


@dataclasses.dataclass
class Cluster:
    nodes: list[tuple[str, int]]
    env: dict[str, str]
    item_id: int
    office_key: bytes  # the office's authenticator
    worker_logs: list[Path]


def test_two_nodes_share_sessions_cache_and_files(cluster, s3_bucket):
    (a, b), env, item_id = cluster.nodes, cluster.env, cluster.item_id
    liaison = Browser()
    status, headers, _ = liaison.post(a, "/login/", {"username": "liaison-n", "password": "node-pass-1"})
    assert status == 302, headers
    item = f"/workbench/items/{item_id}/"
    assert liaison.request(b, "GET", item)[0] == 200  # node B knows the session node A started
    assert Browser().request(b, "GET", item)[0] == 302  # (a stranger is sent to the login page)

    # Anonymous visitors get node B's cached home page until a publication anywhere changes it.
    visitor = Browser()
    before = visitor.request(b, "GET", "/")
    assert before[0] == 200
    title = f"联席会议-{uuid.uuid4().hex[:8]}"
    publisher = {**env, "NEW_TITLE": title}
    subprocess.run([sys.executable, "manage.py", "shell", "-c", PUBLISH], cwd=ROOT, env=publisher, check=True)
    after = visitor.request(b, "GET", "/")
    assert title.encode() not in before[2] and title.encode() in after[2]

    status, _, page = liaison.post(a, item, {"text": "附核查方案"}, files={"attachments": ("方案.pdf", PDF)})
    assert status == 302, page[:3000]
    status, _, page = liaison.request(b, "GET", item)
    link = re.search(rb"/workbench/files/progress/\d+/", page).group(0).decode()
    status, headers, data = liaison.request(b, "GET", link)
    assert status == 200 and data == PDF
    assert [key for key in s3_bucket.keys() if key.startswith("private/progress/")]  # noqa: SIM118
    assert Browser().request(b, "GET", link)[0] in (302, 404)


def test_ledgers_asked_for_on_one_node_are_written_once_by_the_workers_and_served_by_the_other(cluster, s3_bucket):
    a, b = cluster.nodes
    office = Browser()
    status, headers, _ = office.post(a, "/login/", {"username": "office-n", "password": "office-pass-1"})
    assert status == 302, headers
    status, headers, _ = office.request(a, "GET", "/workbench/")  # the office must pass its second factor
    assert status == 302 and "/account/two-factor/" in headers["Location"], headers["Location"]
    code = f"{TOTP(cluster.office_key).token():06d}"
    status, headers, _ = office.post(a, headers["Location"], {"token": code})
    assert status == 302 and "two-factor" not in headers["Location"], headers
    exports = []
    for query in ("", "light=red", "light=green"):
        status, headers, _ = office.post(
            a, "/workbench/supervision/ledger/", {"query": query}, form_on="/workbench/items/"
        )
        assert status == 302, headers
        exports.append(headers["Location"])
    deadline = time.monotonic() + 60
    pending = list(exports)
    while pending:
        assert time.monotonic() < deadline, "\n".join(path.read_text()[-3000:] for path in cluster.worker_logs)
        pending = [path for path in pending if office.request(b, "GET", path)[0] == 202]
        time.sleep(0.5)
    for path in exports:
        status, headers, data = office.request(b, "GET", f"{path}download/")
        assert status == 200 and headers["Content-Disposition"].startswith("attachment")
        load_workbook(io.BytesIO(data))  # a whole workbook
    ledgers = [key for key in s3_bucket.keys() if key.startswith("private/ledgers/")]  # noqa: SIM118
    assert len(ledgers) == 3
    done = [
        line
        for path in cluster.worker_logs
        for line in path.read_text().splitlines()
        if "render_ledger_export" in line and "succeeded" in line
    ]
    assert len(done) == 3 and all(line.endswith(": True") for line in done), done  # each once, by either worker
    assert Browser().request(b, "GET", f"{exports[0]}download/")[0] == 302  # a stranger: the login page
