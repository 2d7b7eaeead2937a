"""Wagtail pages of the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's front page: what the joint meeting is and where to go next."""

    intro = models.CharField(_("导语"), max_length=300, blank=True)
    body = RichTextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = self.member_units()
        return context

    def member_units(self):
        from coordination.selectors import active_units

        return active_units()
