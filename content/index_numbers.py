"""索引号 (disclosure index numbers): generated from the configured pattern, unique, gapless."""

from django.db import transaction
from wagtail.models import Site

from .models.settings import IndexNumberSequence, PortalSettings


def format_index_number(pattern: str, *, code: str, year: int, serial: int) -> str:
    return pattern.format(code=code, year=year, serial=serial)


@transaction.atomic
def next_index_number(year: int, site: Site | None = None) -> str:
    """Take the next serial of `year` and format it. Call inside the transaction that saves it."""
    site = site or Site.objects.filter(is_default_site=True).first()
    portal = PortalSettings.for_site(site) if site else PortalSettings()
    IndexNumberSequence.objects.get_or_create(year=year)
    sequence = IndexNumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return format_index_number(portal.index_pattern, code=portal.index_code, year=year, serial=sequence.last)
