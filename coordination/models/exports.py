"""Files the workbench prepares in the background and keeps for a while: the supervision ledger."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .labels import ChoiceLabels


class LedgerExport(ChoiceLabels):
    """One request for the supervision ledger (督办台账): the item list's filter as it was asked
    for, written by a task into a private file only the one who asked may download."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("正在生成")
        READY = "ready", _("已生成")
        FAILED = "failed", _("生成失败")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("申请人")
    )
    query = models.CharField(_("筛选条件"), max_length=2000, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PREPARING)
    file = models.FileField(_("文件"), upload_to="ledgers/", storage=private_storage, blank=True)
    rows = models.PositiveIntegerField(_("事项数"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("督办台账导出")
        verbose_name_plural = _("督办台账导出")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("workbench:ledger-export", args=[self.pk])

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED
