import pytest
from django.test import override_settings


@pytest.fixture
def home(db):
    from content.demo import load_home

    return load_home(progress=lambda line: None)


def test_chinese_is_the_default(client, home):
    body = client.get("/").content.decode()
    assert "跳到正文" in body


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_english_is_available(client, home):
    client.cookies["django_language"] = "en"
    body = client.get("/").content.decode()
    assert "Skip to content" in body
    assert '<html lang="en">' in body
