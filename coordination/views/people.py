"""The office manages people: accounts by role and unit, liaisons, leaders who sign off, office staff."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.models import UserObjectPermission

from coordination import permissions, services
from coordination.errors import DomainError
from coordination.forms import AccountCreateForm, AccountUpdateForm, SignOffGrantForm
from coordination.models import Liaison, MemberUnit

from .common import office_required, run

User = get_user_model()


def _signers_by_unit() -> dict[int, list]:
    """Unit id → the users holding 签发 on it, in one query."""
    grants = UserObjectPermission.objects.filter(
        permission__codename="sign_off_reply", content_type=ContentType.objects.get_for_model(MemberUnit)
    ).select_related("user")
    signers: dict[int, list] = {}
    for grant in grants:
        signers.setdefault(int(grant.object_pk), []).append(grant.user)
    return signers


def _locked_usernames() -> set[str]:
    return set(AccessAttempt.objects.values_list("username", flat=True))


@office_required
def people_list(request):
    """Everyone with an account: the office, the convenors, each unit's liaison and leaders, the rest."""
    office = list(permissions.users_in_role(permissions.Role.OFFICE).order_by("username"))
    convenors = list(permissions.users_in_role(permissions.Role.CONVENOR).order_by("username"))
    terms = {t.unit_id: t for t in Liaison.objects.active().select_related("user")}
    signers = _signers_by_unit()
    units = [
        {"unit": unit, "liaison": terms.get(unit.pk), "signers": signers.get(unit.pk, [])}
        for unit in MemberUnit.objects.filter(is_active=True).order_by("order")
    ]
    placed = {u.pk for u in office + convenors}
    placed |= {t.user_id for t in terms.values()} | {u.pk for users in signers.values() for u in users}
    others = list(User.objects.exclude(pk__in=placed).order_by("-is_active", "username"))
    context = {
        "office": office,
        "convenors": convenors,
        "units": units,
        "others": others,
        "locked": _locked_usernames(),
        "enrolled": set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)),
    }
    return render(request, "coordination/people/list.html", context)


def _one_time_password_page(request, person, password: str, *, created: bool):
    """The password, shown this once: not in a message (it would travel in a cookie), never cached."""
    context = {"person": person, "password": password, "created": created}
    return render(request, "coordination/people/password.html", context)


@never_cache
@office_required
def person_create(request):
    form = AccountCreateForm(request.POST or None, initial={"role": request.GET.get("role", "liaison")})
    if request.method == "POST" and form.is_valid():
        try:
            person, password = services.account_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _one_time_password_page(request, person, password, created=True)
    return render(request, "coordination/people/form.html", {"form": form})


@office_required
def person_detail(request, pk):
    person = get_object_or_404(User, pk=pk)
    term = Liaison.objects.active().filter(user=person).select_related("unit").first()
    context = {
        "person": person,
        "term": term,
        "roles": [name for (name,) in person.groups.values_list("name")],
        "signs_off": list(permissions.units_signed_off_by(person)) if person.is_active else [],
        "enrolled": TOTPDevice.objects.filter(user=person, confirmed=True).exists(),
        "locked": person.get_username() in _locked_usernames(),
        "update_form": AccountUpdateForm(
            initial={"name": person.get_full_name(), "email": person.email, "phone": term.phone if term else ""}
        ),
        "grant_form": SignOffGrantForm(),
    }
    return render(request, "coordination/people/detail.html", context)


@require_POST
@office_required
def person_update(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = AccountUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("请检查填写的内容：%(errors)s")
            % {"errors": "；".join(error for errors in form.errors.values() for error in errors)},
        )
        return redirect("workbench:person", pk=pk)
    return run(
        request,
        services.account_update,
        success=_("账户信息已保存。"),
        redirect_to=person_url(person),
        user=person,
        **form.cleaned_data,
    )


@require_POST
@office_required
def person_deactivate(request, pk):
    person = get_object_or_404(User, pk=pk)
    return run(
        request, services.account_deactivate, success=_("账户已停用。"), redirect_to=person_url(person), user=person
    )


@never_cache
@require_POST
@office_required
def person_password_reset(request, pk):
    person = get_object_or_404(User, pk=pk)
    try:
        password = services.account_password_reset(actor=request.user, user=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(person_url(person))
    return _one_time_password_page(request, person, password, created=False)


@require_POST
@office_required
def person_unlock(request, pk):
    person = get_object_or_404(User, pk=pk)
    return run(
        request, services.account_unlock, success=_("已解除登录锁定。"), redirect_to=person_url(person), user=person
    )


@require_POST
@office_required
def person_two_factor_reset(request, pk):
    person = get_object_or_404(User, pk=pk)
    return run(
        request,
        services.two_factor_reset,
        success=_("两步验证已重置，该用户下次登录时重新设置。"),
        redirect_to=person_url(person),
        user=person,
    )


@require_POST
@office_required
def person_sign_off_grant(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = SignOffGrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择单位。"))
        return redirect(person_url(person))
    return run(
        request,
        services.sign_off_grant,
        success=_("已授予签发权限。"),
        redirect_to=person_url(person),
        user=person,
        unit=form.cleaned_data["unit"],
    )


@require_POST
@office_required
def person_sign_off_revoke(request, pk, unit_pk):
    person = get_object_or_404(User, pk=pk)
    unit = get_object_or_404(MemberUnit, pk=unit_pk)
    return run(
        request,
        services.sign_off_revoke,
        success=_("已收回签发权限。"),
        redirect_to=person_url(person),
        user=person,
        unit=unit,
    )


def person_url(person) -> str:
    return reverse("workbench:person", kwargs={"pk": person.pk})
