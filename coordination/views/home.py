from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from coordination import rules, selectors
from coordination.models import ActionItem, Meeting


@login_required
def dashboard(request):
    """The workbench's first screen: what needs the user's attention now."""
    user = request.user
    unit = selectors.liaison_unit(user)
    meetings = selectors.meetings_visible_to(user).exclude(status=Meeting.Status.CANCELLED)
    upcoming = meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")[:5]
    items = ActionItem.objects.open().for_unit(unit).select_related("lead_unit")[:10] if unit else []
    context = {
        "unit": unit,
        "upcoming": upcoming,
        "recent": meetings.filter(starts_at__lt=timezone.now())[:5],
        "pending_consents": selectors.pending_consents(user),
        "items": items,
        "notifications": user.notifications.filter(read_at__isnull=True)[:10],
        "operations": selectors.scheduled_jobs() if rules.can("operations.view", user) else None,
    }
    return render(request, "coordination/dashboard.html", context)
