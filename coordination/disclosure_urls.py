"""The public side of 依申请公开 (mounted at /disclosure/): apply, then follow with number and secret."""

from django.urls import path

from .views import disclosure_public as views

app_name = "disclosure"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("track/status/", views.status, name="status"),
    path("track/correction/", views.correction, name="correction"),
    path("track/letter.pdf", views.letter, name="letter"),
    path("track/files/<int:pk>/", views.attachment, name="attachment"),
]
