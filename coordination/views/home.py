from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from coordination import rules, selectors
from coordination.models import Meeting
from coordination.selectors import dashboard as dashboard_selectors


@login_required
def dashboard(request):
    """The workbench's first screen: for each role the user holds, what to do next."""
    user = request.user
    meetings = selectors.meetings_visible_to(user).exclude(status=Meeting.Status.CANCELLED)
    context = {
        "home": dashboard_selectors.home_for(user),
        "upcoming": meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5],
        "recent": meetings.filter(starts_at__lt=timezone.now())[:5],
        "notifications": user.notifications.filter(read_at__isnull=True)[:10],
        "operations": selectors.scheduled_jobs() if rules.can("operations.view", user) else None,
    }
    return render(request, "coordination/dashboard.html", context)
