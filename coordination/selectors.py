"""Every read of the coordination domain that carries a rule (who sees what, in which order)."""

from django.db.models import QuerySet

from .models import MemberUnit


def active_units() -> QuerySet[MemberUnit]:
    """The current member units in notice order."""
    return MemberUnit.objects.filter(is_active=True).order_by("order")
