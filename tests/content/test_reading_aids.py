"""Reading aids: the buttons set a first-party cookie, the page comes back styled, nothing else
is accepted from the visitor."""

import pytest

from content.aids import COOKIE


@pytest.fixture
def home(site_pages):
    return site_pages


def html_tag(client, path="/") -> str:
    page = client.get(path).content.decode()
    return page[page.index("<html") : page.index(">", page.index("<html")) + 1]


def test_a_visitor_without_a_choice_gets_the_standard_page(client, home):
    assert "class=" not in html_tag(client)
    page = client.get("/").content.decode()
    assert 'name="text" value="standard" aria-pressed="true"' in page


def test_choices_are_remembered_and_combine(client, home):
    response = client.post("/aids/", {"text": "larger", "next": "/policies/"})
    assert response.status_code == 302 and response["Location"] == "/policies/"
    cookie = response.cookies[COOKIE]
    assert cookie["samesite"] == "Lax" and cookie["httponly"] and int(cookie["max-age"]) >= 365 * 24 * 3600
    client.post("/aids/", {"contrast": "on", "next": "/"})
    client.post("/aids/", {"spacing": "on", "next": "/"})
    assert 'class="aids-larger aids-contrast aids-spacing"' in html_tag(client, "/policies/")
    page = client.get("/").content.decode()
    assert 'name="contrast" value="off" aria-pressed="true"' in page  # the button now turns it off
    client.post("/aids/", {"contrast": "off", "text": "standard"})
    assert 'class="aids-spacing"' in html_tag(client)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_only_a_local_page_is_returned_to(client, home, target):
    response = client.post("/aids/", {"text": "large", "next": target})
    assert response["Location"] == "/"


def test_unknown_values_and_a_forged_cookie_change_nothing(client, home):
    client.post("/aids/", {"text": "huge", "contrast": "<script>"})
    assert "class=" not in html_tag(client)
    client.cookies[COOKIE] = 'text-"><script>.contrast-on'
    assert html_tag(client).endswith('class="aids-contrast">')


def test_the_choice_is_only_posted(client, home):
    assert client.get("/aids/?text=large").status_code == 405
