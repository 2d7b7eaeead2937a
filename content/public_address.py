"""The public address the portal is reached at (`PORTAL_PUBLIC_URL`), and the Wagtail Site record
that every absolute URL (sitemap, feeds, `og:url`) is built from, kept equal to it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def public_origin() -> tuple[str, int]:
    """The configured address as Wagtail's Site stores it: hostname and port (80 for http, 443 for https)."""
    parts = urlsplit(settings.PORTAL_PUBLIC_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"PORTAL_PUBLIC_URL must be an http(s) address, not {settings.PORTAL_PUBLIC_URL!r}")
    if parts.scheme == "https" and parts.port not in (None, 443):
        raise ImproperlyConfigured("PORTAL_PUBLIC_URL: Wagtail writes https addresses on port 443 only")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(**kwargs) -> None:
    """Point the default Site at the public address (after every migrate, and when the demo builds it)."""
    from wagtail.models import Site

    hostname, port = public_origin()
    stale = Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port)
    if stale.update(hostname=hostname, port=port):
        Site.clear_site_root_paths_cache()  # an update() sends no signal to do it


def public_url(path: str = "/") -> str:
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + path
