"""The 27 founding units, their aliases, and the demo accounts (office, convenor, liaisons, a leader)."""

from django.contrib.auth import get_user_model

from .. import permissions, services
from ..auth import DEMO_PASSWORD
from ..founding_units import FOUNDING_UNITS
from ..models import Liaison, MemberUnit
from .common import DEMO_START, Progress

User = get_user_model()

# 代字 of the units' reply numbers (陈民建函〔2026〕4号); other units fall back to a derived one.
REPLY_PREFIXES = {"区民政局": "陈民", "区教体局": "陈教体", "区医保局": "陈医保"}


def load_units(progress: Progress) -> list[MemberUnit]:
    units = []
    for order, (short_name, full_name, kind) in enumerate(FOUNDING_UNITS, start=1):
        unit, created = MemberUnit.objects.update_or_create(
            short_name=short_name, defaults={"order": order, "full_name": full_name, "kind": kind}
        )
        units.append(unit)
        progress(f"[{order:2}/{len(FOUNDING_UNITS)}] {'+' if created else '='} {short_name}")
    return units


def demo_account(username: str, *, name: str, role: str | None = None, staff: bool = False, email: str = "") -> User:
    user, created = User.objects.get_or_create(username=username)
    # Chinese names are written family name first and whole: keep them in first_name.
    user.first_name, user.last_name = name, ""
    # Liaisons get reminders by e-mail, so each has an address; the console backend prints them.
    user.email = email or (f"{username}@example.invalid" if staff else "")
    user.is_staff = staff
    if created:  # hashing costs a second a user: a second run keeps the password it set
        user.set_password(DEMO_PASSWORD)
    user.save()
    if role:
        user.groups.add(permissions.role_group(role))
    return user


def load_accounts(units: list[MemberUnit], progress: Progress) -> dict[str, User]:
    permissions.ensure_role_groups()  # the roles' permissions, even on a database flushed by tests
    office = demo_account("office", name="周秀兰", role=permissions.Role.OFFICE, staff=True)
    convenor = demo_account("convenor", name="李建国", role=permissions.Role.CONVENOR)
    progress("accounts: office (联席会议办公室), convenor (召集人)")
    for unit in units:
        if unit.short_name in REPLY_PREFIXES and not unit.reply_prefix:
            unit.reply_prefix = REPLY_PREFIXES[unit.short_name]
            unit.save(update_fields=["reply_prefix"])
    for unit in units:
        username = f"liaison{unit.order:02}"
        user = demo_account(
            username,
            name=f"{unit.short_name.removeprefix('区')}联络员",
            role=None,
            email=f"{username}@example.gov.cn",
        )
        if not Liaison.objects.active().filter(unit=unit).exists():
            services.liaison_appoint(actor=office, unit=unit, user=user, start_date=DEMO_START, position="科员")
        progress(f"liaison {username} → {unit.short_name}")
    services.unit_aliases_seed(actor=office)
    progress("unit aliases: the founding units' usual other names")
    leader = demo_account("leader06", name="张志强", role=None)
    permissions.grant_sign_off(leader, next(u for u in units if u.short_name == "区民政局"))
    progress("account: leader06 signs off 区民政局's replies")
    return {"office": office, "convenor": convenor, "leader": leader}
