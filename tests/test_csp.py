"""Every response carries the Content-Security-Policy; no inline script is allowed anywhere."""

import pytest


@pytest.mark.parametrize("path", ["/login/", "/admin/login/", "/workbench/"])
def test_the_policy_allows_only_the_portals_own_scripts(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
