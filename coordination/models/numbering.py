"""Per-year sequences of official document numbers (文号)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentNumberSequence(models.Model):
    """The last serial handed out for one series (minutes, circulars, a unit's replies) in a year.

    The service that issues a document takes the next serial under a row lock inside the same
    transaction that saves the document: two issues never get the same number, and a failed
    issue rolls its serial back, so the series has no gaps.
    """

    series = models.CharField(_("序列"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年份"))
    last = models.PositiveIntegerField(_("已用到"), default=0)

    class Meta:
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="unique_number_series_year")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"
