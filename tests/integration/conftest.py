"""What the tests that talk to a real worker share."""

import pytest

from portal.celery import app


@pytest.fixture
def through_the_broker():
    """Send tasks for real even where the embedded default runs them inline."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager
