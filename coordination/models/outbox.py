"""Work a write asked for, kept in the write's own transaction until Celery has it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingTask(models.Model):
    """A task a service queued, recorded in the same transaction as the change that asked for it.

    After commit it is handed to Celery; if the broker is down the row waits and `outbox_flush`
    hands it over again until the broker takes it. The user's action never fails for it, and the
    tasks are idempotent, so one handed over twice still does its work once.
    """

    task = models.CharField(_("任务"), max_length=200)
    args = models.JSONField(_("参数"), default=list)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    queued_at = models.DateTimeField(_("交付时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("交付次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("待交付任务")
        verbose_name_plural = _("待交付任务")
        indexes = [models.Index(fields=["queued_at", "created_at"], name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.task}{self.args}"
