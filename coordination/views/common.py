"""What every workbench view shares: login, and turning domain errors into messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from coordination import permissions
from coordination.errors import DomainError


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
