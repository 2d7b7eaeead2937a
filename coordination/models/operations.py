"""What the portal's scheduled jobs did last: written by the jobs, read by /healthz and the office."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledJobRun(models.Model):
    """The last run of one scheduled job (or the scheduler's own heartbeat, name "scheduler").

    One row per job, overwritten on every run: enough to say "reminders last ran this morning" or
    "the scheduler has been silent for an hour", which is what an operator needs; the log keeps
    the history. The row is written by the job itself, whoever started it (the portal scheduler,
    cron, or an operator by hand), and lives in the database so every process sees it.
    """

    name = models.CharField(_("任务"), max_length=50, unique=True)
    started_at = models.DateTimeField(_("最近开始"), null=True, blank=True)
    finished_at = models.DateTimeField(_("最近结束"), null=True, blank=True)
    succeeded = models.BooleanField(_("最近一次成功"), null=True)
    last_success_at = models.DateTimeField(_("最近成功开始"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    runs = models.PositiveIntegerField(_("运行次数"), default=0)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")

    def __str__(self) -> str:
        return self.name
