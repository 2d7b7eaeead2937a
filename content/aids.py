"""Reading aids of the public site (适老化 / 无障碍): a larger text size, high contrast and wider line
spacing, chosen with plain buttons (no script needed, all by keyboard) and remembered per visitor
in a first-party cookie. The choice only styles the page: the view takes no CSRF token, so public
pages carry none and stay cacheable (a page cache must key on the cookie)."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

COOKIE = "portal_aids"
CHOICES = {"text": ("standard", "large", "larger"), "contrast": ("off", "on"), "spacing": ("off", "on")}
DEFAULTS = {name: values[0] for name, values in CHOICES.items()}


def current(request) -> dict[str, str]:
    """The visitor's choices; anything unknown in the cookie falls back to the default."""
    chosen = dict(DEFAULTS)
    for part in request.COOKIES.get(COOKIE, "").split("."):
        name, _, value = part.partition("-")
        if value in CHOICES.get(name, ()):
            chosen[name] = value
    return chosen


def classes(chosen: dict[str, str]) -> str:
    """The classes on <html> that aids.css styles."""
    names = []
    if chosen["text"] != "standard":
        names.append(f"aids-{chosen['text']}")
    names += [f"aids-{name}" for name in ("contrast", "spacing") if chosen[name] == "on"]
    return " ".join(names)


def reading_aids(request):
    """Context processor: the choices (for the buttons' aria-pressed) and the page's classes."""
    chosen = current(request)
    return {"aids": chosen, "aids_classes": classes(chosen)}


@csrf_exempt  # a display preference, nothing of the visitor's data: see the module's docstring
@require_POST
def set_reading_aids(request):
    chosen = current(request)
    for name, values in CHOICES.items():
        if request.POST.get(name) in values:
            chosen[name] = request.POST[name]
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    value = ".".join(f"{name}-{chosen[name]}" for name in CHOICES)
    response.set_cookie(
        COOKIE, value, max_age=365 * 24 * 3600, samesite="Lax", httponly=True, secure=request.is_secure()
    )
    return response
