"""Failure pages in Chinese with the site's navigation, rendered without the database; 503 when it is down."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import RequestFactory

from content.cache import KEY as GENERATION
from portal import errors


@pytest.fixture
def rf_get():
    return RequestFactory().get("/政策文件/不存在/")


@pytest.mark.parametrize(
    "handler, status, title",
    [
        (errors.page_not_found, 404, "页面不存在"),
        (errors.permission_denied, 403, "无权访问"),
        (errors.server_error, 500, "系统出错"),
        (errors.service_unavailable, 503, "服务暂时不可用"),
    ],
)
def test_failure_pages_are_chinese_with_the_site_header_and_no_query(
    handler, status, title, rf_get, django_assert_num_queries, db
):
    with django_assert_num_queries(0):
        response = handler(rf_get)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<title>{title}" in html and f"<h1 id=\"error-title\">{title}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "陈仓区社会救助工作联席会议" in html and "工作人员登录" in html


def test_the_503_page_asks_to_come_back_later(rf_get):
    response = errors.service_unavailable(rf_get)
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"


def test_failure_pages_show_the_navigation_the_site_has_cached(rf_get):
    cache.set(GENERATION, 7)
    cache.set("content:nav:7:testserver", [("政策文件", "/policies/"), ("成员单位", "/units/")])
    try:
        html = errors.page_not_found(rf_get).content.decode()
    finally:
        cache.delete_many([GENERATION, "content:nav:7:testserver"])
    assert '<a href="/policies/">政策文件</a>' in html


def test_the_500_handler_answers_503_when_the_database_is_what_failed(rf_get):
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = errors.server_error(rf_get)
    assert response.status_code == 503


def test_a_missing_page_of_the_public_site_answers_the_chinese_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.fixture
def database_down():
    """Point the connection at a database that cannot be reached, then back, in this same process."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-dir/portal.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/", "/login/"])
def test_an_unreachable_database_answers_503_in_chinese(path, client, database_down):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "服务暂时不可用" in html and 'class="site-header"' in html
    assert "nonexistent" not in html and "port 1" not in html


@pytest.mark.django_db(transaction=True)
def test_healthz_names_the_database_without_its_address(client, database_down):
    response = client.get("/healthz")
    body = response.content.decode()
    assert response.status_code == 503
    data = response.json()
    assert data["down"] == ["database"]
    assert data["checks"]["database"] == {"ok": False, "state": "down"}
    assert "nonexistent" not in body and "127.0.0.1" not in body and '"port' not in body.lower()


@pytest.mark.django_db(transaction=True)
def test_the_portal_recovers_when_the_database_comes_back(client):
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["NAME" if connection.vendor == "sqlite" else "PORT"] = (
        "/nonexistent-dir/portal.sqlite3" if connection.vendor == "sqlite" else "1"
    )
    try:
        assert client.get("/healthz").status_code == 503
        assert client.get("/login/").status_code == 503
    finally:
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    # The same process, no restart: the next requests reconnect.
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 200
