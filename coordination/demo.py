"""Demo data for the embedded default: units, accounts and the home page, idempotently.

Every step checks what exists before it writes, so `load_demo` can run any number of times.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from . import permissions, services
from .founding_units import FOUNDING_UNITS
from .models import Liaison, MemberUnit, Proposal, Proposer, Reply

User = get_user_model()

DEMO_PASSWORD = "lianxi-demo-2026"
DEMO_START = datetime.date(2026, 1, 5)

Progress = Callable[[str], None]


def load_units(progress: Progress) -> list[MemberUnit]:
    units = []
    for order, (short_name, full_name, kind) in enumerate(FOUNDING_UNITS, start=1):
        unit, created = MemberUnit.objects.update_or_create(
            short_name=short_name, defaults={"order": order, "full_name": full_name, "kind": kind}
        )
        units.append(unit)
        progress(f"[{order:2}/{len(FOUNDING_UNITS)}] {'+' if created else '='} {short_name}")
    return units


def _account(username: str, *, first_name: str, last_name: str, role: str | None, staff: bool = False) -> User:
    user, _created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = first_name, last_name
    # Only the office gets a demo address: the console mail backend would print every other one.
    user.email = f"{username}@example.invalid" if staff else ""
    user.is_staff = staff
    user.set_password(DEMO_PASSWORD)
    user.save()
    if role:
        user.groups.add(permissions.role_group(role))
    return user


def load_accounts(units: list[MemberUnit], progress: Progress) -> dict[str, User]:
    office = _account("office", first_name="秀兰", last_name="周", role=permissions.Role.OFFICE, staff=True)
    convenor = _account("convenor", first_name="建国", last_name="李", role=permissions.Role.CONVENOR)
    progress("accounts: office (联席会议办公室), convenor (召集人)")
    for unit in units:
        username = f"liaison{unit.order:02}"
        user = _account(username, first_name=unit.short_name.removeprefix("区"), last_name="联络员", role=None)
        if not Liaison.objects.active().filter(unit=unit).exists():
            services.liaison_appoint(actor=office, unit=unit, user=user, start_date=DEMO_START, position="科员")
        progress(f"liaison {username} → {unit.short_name}")
    return {"office": office, "convenor": convenor}


def load_replies(replies: list[dict], progress: Progress) -> None:
    """Suggestions with signed-off, disclosed replies (texts from content.demo_texts)."""
    from content.index_numbers import next_index_number

    for data in replies:
        unit = MemberUnit.objects.get(short_name=data["unit"])
        proposal, created = Proposal.objects.get_or_create(
            kind=data["kind"],
            session=data["session"],
            number=data["number"],
            defaults={
                "title": data["title"],
                "received_on": data["reply_date"].replace(month=2, day=20),
                "lead_unit": unit,
            },
        )
        if created:
            Proposer.objects.create(proposal=proposal, name=data["proposer"], phone="13700000000")
        if not proposal.replies.exists():
            role = proposal.proposer_role
            Reply.objects.create(
                proposal=proposal,
                unit=unit,
                status=Reply.Status.SENT,
                doc_number=data["doc_number"],
                signer=data["signer"],
                reply_date=data["reply_date"],
                category=data["category"],
                addressee=f"{data['proposer']}{role}",
                body=data["body"],
                contact_person=data["contact_person"],
                contact_phone=data["contact_phone"],
                copies_to=data["copies_to"],
                disclosure=Reply.Disclosure.PROACTIVE,
                index_number=next_index_number(data["reply_date"].year),
            )
        progress(f"reply: {unit.short_name} {proposal.session} 第{proposal.number}号")


@transaction.atomic
def load(progress: Progress) -> dict[str, User]:
    from content.demo import load_site, load_workflow

    permissions.ensure_role_groups()
    units = load_units(progress)
    accounts = load_accounts(units, progress)
    home = load_site(progress)
    editors, approvers = load_workflow(home, progress)
    accounts["office"].groups.add(approvers)
    accounts["editor"] = _account("editor", first_name="晓燕", last_name="何", role=None, staff=True)
    accounts["editor"].groups.add(editors)
    progress("accounts: editor (网站编辑); office approves publications")
    return accounts
