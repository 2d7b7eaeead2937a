"""What the tests that talk to a real worker share."""

import pytest

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
