"""A user's own account: the second login step, enrolling an authenticator, changing the password."""

import base64
import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination import audit, permissions, services
from coordination.errors import DomainError
from coordination.forms import OneTimeCodeForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("workbench:dashboard")


@login_required
def account_home(request):
    """What the user can change about their own login."""
    return render(
        request,
        "coordination/account/home.html",
        {
            "has_device": user_has_device(request.user, confirmed=True),
            "two_factor_required": permissions.two_factor_required(request.user),
        },
    )


@login_required
def two_factor_verify(request):
    """Second step after the password: a code from the enrolled authenticator."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('account:two-factor-enrol')}?{urlencode({'next': _next_url(request)})}")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error(None, _("验证码错误次数过多，请稍候再试。"))
        elif device.verify_token(form.cleaned_data["token"].strip()):
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("token", _("验证码不正确，请查看验证器上当前的六位数字后重试。"))
    return render(request, "coordination/account/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(data: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here: no image service sees the secret."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@login_required
def two_factor_enrol(request):
    """Show a new secret as text and QR code; a correct code from the authenticator confirms it."""
    try:
        device = services.two_factor_enrol(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('account:two-factor-verify')}?{urlencode({'next': _next_url(request)})}")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_confirm(actor=request.user, device=device, token=form.cleaned_data["token"])
        except DomainError as error:
            form.add_error("token", error.message)
        else:
            otp_login(request, device)
            messages.success(request, _("两步验证已设置。以后登录时，输入密码后还需输入验证器上的验证码。"))
            return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - drawn by qrcode from our own data
        "required": permissions.two_factor_required(request.user),
        "replacing": user_has_device(request.user, confirmed=True),
    }
    return render(request, "coordination/account/two_factor_enrol.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "coordination/account/password_change.html"
    success_url = reverse_lazy("account:password-change-done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request.user, "coordination.account.change_password", actor=self.request.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "coordination/account/password_change_done.html"
