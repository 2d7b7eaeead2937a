"""Every read of the coordination domain that carries a rule (who sees what, in which order)."""

import re

from django.conf import settings
from django.db.models import QuerySet

from .models import MemberUnit, Reply


def active_units() -> QuerySet[MemberUnit]:
    """The current member units in notice order."""
    return MemberUnit.objects.filter(is_active=True).order_by("order")


def disclosed_replies() -> QuerySet[Reply]:
    """Replies the public may read, newest first, with what their lists show."""
    return Reply.objects.disclosed().select_related("proposal", "unit").order_by("-reply_date", "-pk")


# Mobile and landline numbers as they appear in letters: 13800000000, 029-86250000, 0917 1234567.
PHONE_NUMBER = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}[-\s]?\d{7,8})(?!\d)")


def public_reply_fields(reply: Reply) -> dict:
    """The fields of a disclosed reply as the public sees them.

    Personal data is removed per `PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS`; with "contact_phone" hidden,
    phone numbers written inside the body are masked too.
    """
    hidden = set(settings.PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS)
    body = reply.body
    if "contact_phone" in hidden:
        body = PHONE_NUMBER.sub("（电话已隐去）", body)
    return {
        "title": reply.title,
        "unit": reply.unit.full_name,
        "doc_number": reply.doc_number,
        "signer": "" if "signer" in hidden else reply.signer,
        "reply_date": reply.reply_date,
        "category": reply.category,
        "category_label": reply.get_category_display(),
        "addressee": "" if "addressee" in hidden else reply.addressee,
        "proposal_title": reply.proposal.title,
        "session": reply.proposal.session,
        "number": reply.proposal.number,
        "kind": reply.proposal.get_kind_display(),
        "body": body,
        "contact_person": "" if "contact_person" in hidden else reply.contact_person,
        "contact_phone": "" if "contact_phone" in hidden else reply.contact_phone,
        "copies_to": reply.copies_to,
        "index_number": reply.index_number,
    }
