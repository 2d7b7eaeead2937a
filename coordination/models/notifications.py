"""In-app notifications, mirrored by e-mail through Celery."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user: shown in the workbench, and sent once by e-mail.

    E-mail goes out at most once: delivery claims the row (`email_claimed_at`) and commits before
    sending, then records `emailed_at`. A retried or duplicated task finds the claim and stops; a
    delivery killed between the two is reported as unconfirmed instead of being sent again.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("接收人")
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    # A digest lists several things, each a path on this site: [{"title": …, "url": "/workbench/…"}].
    links = models.JSONField(_("所列事项"), default=list, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("邮件开始发送时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret in a user's personal calendar-feed URL; a new token revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("日历订阅密钥")

    def __str__(self) -> str:
        return f"{self.user} calendar"
