"""What every workbench view shares: login, and turning domain errors into messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError

REASON_LENGTH = 300  # what the models keep of a reason or a note


def run(request, action, *, success: str, redirect_to: str):
    """Call a service; show its success or its refusal, then go back. Nothing is half-saved."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(redirect_to)


def office_required(view):
    """For screens only the office uses; services check again on every write."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.is_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def posted_id(request, name: str) -> int | None:
    """An object id posted by a select box; None for anything that is not one (never a 500)."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def posted_text(request, name: str, max_length: int = REASON_LENGTH) -> str:
    """A reason or note posted without a form; too long a text is refused as a domain error.

    Call it inside the action given to `run`, so the refusal becomes a message like any other.
    """
    text = request.POST.get(name, "")
    if len(text) > max_length:
        raise DomainError(_("填写的内容过长，最多 %(n)s 字。") % {"n": max_length})
    return text
