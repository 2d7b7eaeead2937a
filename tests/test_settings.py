"""Production settings refuse to start half-configured and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALISTIC = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "k3v9-a-long-random-production-secret-value-for-the-check-only-x81qz0",
    "DJANGO_ALLOWED_HOSTS": "shjz.chencang.example.gov.cn",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
}


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**REALISTIC, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", env={**REALISTIC, "DJANGO_ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_with_a_realistic_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=REALISTIC)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert ("en", "English") in settings.LANGUAGES
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_production_refuses_the_demo_password_and_loads_no_avatars():
    code = (
        "from django.conf import settings; from django.contrib.auth import get_backends; "
        "from coordination.auth import demo_allowed; "
        "print(demo_allowed(), settings.WAGTAIL_GRAVATAR_PROVIDER_URL, settings.PORTAL_TWO_FACTOR_ENFORCED, "
        "settings.SESSION_COOKIE_AGE, [type(b).__name__ for b in get_backends()])"
    )
    result = run_manage("shell", "-c", code, env=REALISTIC)
    assert result.returncode == 0, result.stderr
    assert "False None True 1800 ['LockoutBackend', 'PortalModelBackend'" in result.stdout


def test_production_with_redis_keeps_the_cache_and_sessions_there():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    result = run_manage("shell", "-c", code, env={**REALISTIC, "REDIS_URL": "redis://127.0.0.1:6379/7"})
    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.redis.RedisCache django.contrib.sessions.backends.cached_db" in result.stdout
