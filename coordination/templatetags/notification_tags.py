from django import template
from django.utils.http import url_has_allowed_host_and_scheme

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """`{% unread_notifications as unread %}`: how many notifications the user has not opened."""
    user = context["request"].user
    return user.notifications.filter(read_at__isnull=True).count() if user.is_authenticated else 0


@register.filter
def safe_target(url: str) -> str | None:
    """`url` if it is a path on this site ("/workbench/…"), else None: a notification never
    sends its reader to another host, whatever was stored in it."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else None
