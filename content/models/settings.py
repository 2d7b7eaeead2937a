"""Site-wide settings edited by the office in the admin (Settings → 门户设置)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal and how its publications are numbered."""

    office_name = models.CharField(_("办公室名称"), max_length=100, default="陈仓区社会救助工作联席会议办公室")
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    footer_note = models.CharField(_("页脚说明"), max_length=200, blank=True)
    index_code = models.CharField(
        _("索引号前缀"),
        max_length=60,
        default="610300-11610304016006562W",
        help_text=_("区划代码-组织机构代码，索引号的前半部分"),
    )
    index_pattern = models.CharField(
        _("索引号格式"),
        max_length=60,
        default="{code}/{year}-{serial:05d}",
        help_text=_("可用 {code}、{year}、{serial}；如 {code}/{year}-{serial:05d}"),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldPanel("footer_note"),
            ],
            heading=_("页眉页脚与联系方式"),
        ),
        MultiFieldPanel([FieldPanel("index_code"), FieldPanel("index_pattern")], heading=_("信息公开索引号")),
    ]

    class Meta:
        verbose_name = _("门户设置")
