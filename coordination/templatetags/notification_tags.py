from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """`{% unread_notifications as unread %}`: how many notifications the user has not opened."""
    user = context["request"].user
    return user.notifications.filter(read_at__isnull=True).count() if user.is_authenticated else 0
