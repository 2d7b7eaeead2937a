"""The notification centre: every notification of the user, in full, read or not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import services
from coordination.templatetags.notification_tags import safe_target

PER_PAGE = 30


@login_required
def notification_list(request):
    notifications = request.user.notifications.all()
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    context = {"notes": page, "unread": notifications.filter(read_at__isnull=True).count()}
    return render(request, "coordination/notification_list.html", context)


@login_required
def notification_open(request, pk):
    """Mark the notification read and go where it points (or back to the centre if nowhere)."""
    notification = get_object_or_404(request.user.notifications, pk=pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    return redirect(safe_target(notification.url) or f"{reverse('workbench:notifications')}#n{notification.pk}")


@require_POST
@login_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": count})
    return redirect("workbench:notifications")
