"""What the tests that talk to a real worker share."""

import socket
import uuid
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

from portal.celery import app


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(items):
    # Real workers, brokers and subprocesses share one Redis database and the machine's cores:
    # under pytest-xdist (`--dist loadgroup`) they all run on one worker, one after another.
    for item in items:
        if "/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("integration"))


@pytest.fixture
def through_the_broker():
    """Send tasks for real even where the embedded default runs them inline."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@dataclass
class Bucket:
    """An empty bucket on a local S3 server: the environment that points the portal at it, and a client."""

    env: dict[str, str]
    client: object

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.env["PORTAL_S3_BUCKET"])
        return [entry["Key"] for entry in listing.get("Contents", [])]


@pytest.fixture
def s3_bucket():
    """moto's S3 server on a free loopback port, for the duration of one test."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        "PORTAL_S3_BUCKET": f"lianxi-{uuid.uuid4().hex[:8]}",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-only",
        "AWS_SECRET_ACCESS_KEY": "test-only",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=env["PORTAL_S3_BUCKET"])
    yield Bucket(env, client)
    server.stop()
