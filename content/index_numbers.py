"""索引号 of the public site's publications: written per the portal's settings, taken at first publish.

The serial comes from coordination's one 索引号 series (`coordination.public.index_number_take`),
shared with disclosed replies; the office sets how it is written in 门户设置. A page takes its
number when it is first published, not in `clean()`: a preview or a refused save takes none.
"""

from django.db import transaction
from wagtail.models import Site

from coordination.public import index_number_take

from .models import IndexNumbered, PortalSettings


def portal_index_number(year: int, serial: int) -> str:
    """A serial written with the default site's code and pattern (e.g. 610300-…/2026-00012)."""
    site = Site.objects.filter(is_default_site=True).first()
    portal = PortalSettings.for_site(site) if site else PortalSettings()
    return portal.index_pattern.format(code=portal.index_code, year=year, serial=serial)


def take_on_first_publish(sender, instance, revision=None, **kwargs) -> None:
    """`page_published` receiver: give a page without a 索引号 its number, once.

    The page row is locked so two publications of the same page cannot both take one. The
    number goes into the published revision too, so the next edit starts from it.
    """
    if not isinstance(instance, IndexNumbered) or instance.index_number:
        return
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk).index_number
        if not current:
            current = index_number_take(year=instance.publish_date.year)
            model.objects.filter(pk=instance.pk).update(index_number=current)
            if revision is not None:
                revision.content["index_number"] = current
                revision.save(update_fields=["content"])
    instance.index_number = current
