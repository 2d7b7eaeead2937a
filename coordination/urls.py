from django.urls import path

from .views import calendar, home, items, meetings, minutes

app_name = "workbench"

urlpatterns = [
    path("", home.dashboard, name="dashboard"),
    path("calendar/", calendar.feed_settings, name="calendar"),
    path("calendar/renew/", calendar.feed_renew, name="calendar-renew"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics, name="meeting-ics"),
    path("meetings/<int:pk>/notify/", meetings.meeting_notify, name="meeting-notify"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/attendee/", meetings.meeting_register_attendee, name="meeting-attendee"),
    path("meetings/<int:pk>/hold/", meetings.meeting_hold, name="meeting-hold"),
    path("meetings/<int:pk>/topics/new/", meetings.topic_create, name="topic-create"),
    path("meetings/<int:pk>/agenda/<int:topic_pk>/<str:direction>/", meetings.agenda_move, name="agenda-move"),
    path("topics/<int:pk>/<str:decision>/", meetings.topic_decide, name="topic-decide"),
    path("meetings/<int:meeting_pk>/minutes/new/", minutes.minutes_create, name="minutes-create"),
    path("minutes/<int:pk>/", minutes.minutes_detail, name="minutes"),
    path("minutes/<int:pk>/edit/", minutes.minutes_edit, name="minutes-edit"),
    path("minutes/<int:pk>/compare/", minutes.minutes_compare, name="minutes-compare"),
    path("minutes/<int:pk>/consent/open/", minutes.consent_open, name="consent-open"),
    path("minutes/<int:pk>/consent/answer/", minutes.consent_answer, name="consent-answer"),
    path("minutes/<int:pk>/consent/close/", minutes.consent_close, name="consent-close"),
    path("minutes/<int:pk>/issue/", minutes.minutes_issue, name="minutes-issue"),
    path("minutes/<int:pk>/pdf/", minutes.minutes_pdf, name="minutes-pdf"),
    path("minutes/<int:pk>/preview/", minutes.minutes_preview, name="minutes-preview"),
    path("items/", items.item_list, name="items"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/close/", items.item_close, name="item-close"),
    path("items/<int:pk>/return/", items.item_return, name="item-return"),
    path("items/<int:pk>/cancel/", items.item_cancel, name="item-cancel"),
    path("items/<int:pk>/urge/", items.item_urge, name="item-urge"),
    path("items/<int:pk>/extension/", items.item_extension, name="item-extension"),
    path("extensions/<int:pk>/decide/", items.extension_decide, name="extension-decide"),
    path("urges/<int:pk>/acknowledge/", items.urge_acknowledge, name="urge-acknowledge"),
    path("supervision/", items.supervision, name="supervision"),
    path("supervision/ledger.xlsx", items.ledger_xlsx, name="ledger"),
]
