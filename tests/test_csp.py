"""Every response carries the Content-Security-Policy; no inline script is allowed but in the admin, after login."""

import pytest


@pytest.mark.parametrize("path", ["/login/", "/admin/login/", "/workbench/"])
def test_the_policy_allows_only_the_portals_own_scripts(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_only_the_admin_behind_its_login_may_run_inline_code(admin_client):
    assert "script-src 'self' 'unsafe-inline'" in admin_client.get("/admin/")["Content-Security-Policy"]
    for path in ("/workbench/", "/", "/login/"):
        assert "unsafe-inline" not in admin_client.get(path)["Content-Security-Policy"], path
