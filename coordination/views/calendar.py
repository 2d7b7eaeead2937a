import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coordination import services
from coordination.models import CalendarToken
from coordination.selectors.calendar_feed import feed_ics

# What `services.calendar_token_renew` hands out (`secrets.token_urlsafe`); anything else, such as
# a NUL byte that PostgreSQL refuses in a query, is simply not a feed.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def personal_feed(request, token):
    """Meetings and deadlines of the token owner's unit; no login, the URL itself is the secret."""
    if not TOKEN.fullmatch(token):
        raise Http404
    owner = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if owner is None:
        raise Http404
    return HttpResponse(feed_ics(owner), content_type="text/calendar; charset=utf-8")


@login_required
def feed_settings(request):
    token = CalendarToken.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(f"/calendar/{token.token}.ics") if token else None
    return render(request, "coordination/calendar.html", {"feed_url": url})


@require_POST
@login_required
def feed_renew(request):
    services.calendar_token_renew(user=request.user)
    return redirect("workbench:calendar")
