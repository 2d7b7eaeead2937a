"""A user's own account (/account/): password change and the second factor."""

from django.urls import path

from .views import account

app_name = "account"

urlpatterns = [
    path("", account.account_home, name="home"),
    path("password/", account.PasswordChangeView.as_view(), name="password-change"),
    path("password/done/", account.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("two-factor/", account.two_factor_verify, name="two-factor-verify"),
    path("two-factor/enrol/", account.two_factor_enrol, name="two-factor-enrol"),
]
