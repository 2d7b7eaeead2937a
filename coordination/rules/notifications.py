"""Rules of a user's own notifications."""

from django.utils.translation import gettext as _

from coordination.errors import NotPermitted

from .base import rule


@rule("notification.read")
def _notification_read(user, notification):
    if not user.is_authenticated or notification.recipient_id != user.pk:
        raise NotPermitted(_("只能阅读发给您本人的通知。"))
