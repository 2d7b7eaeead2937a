"""The one place that answers permission questions.

Roles are groups holding model-level permissions: the office (联席会议办公室) may do
everything, convenors (召集人) read everything, liaisons (联络员) act for their own unit only.
A liaison's right to act for a unit is a django-guardian object permission on that unit,
granted and revoked by the liaison services, never by hand.

The office holds `act_for_unit` at model level, which covers every unit without 27 object
grants. Django's `has_perm(perm, obj)` does not fall back to model-level permissions, so the
functions below ask both; nothing else should call `has_perm` with these codenames.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import assign_perm, get_objects_for_user, get_users_with_perms, remove_perm

from .models import ActionItem, Liaison, Meeting, MemberUnit, Minutes, Notification, Proposal, Reply, UnitAlias

ACT_FOR_UNIT = "coordination.act_for_unit"
MANAGE_MEMBERSHIP = "coordination.change_memberunit"
OVERSEE = "coordination.view_memberunit"


class Role:
    OFFICE = "office"
    CONVENOR = "convenor"
    LIAISON = "liaison"


# Each role's group is found by a fixed, untranslated name: a name that followed the interface
# language would find (or create) another, empty group when a user works in English.
ROLE_GROUPS = {
    Role.OFFICE: (
        "联席会议办公室",
        [
            (MemberUnit, ["act_for_unit", "add_memberunit", "change_memberunit", "view_memberunit"]),
            (UnitAlias, ["add_unitalias", "change_unitalias", "delete_unitalias", "view_unitalias"]),
            (Liaison, ["add_liaison", "change_liaison", "view_liaison"]),
            (Notification, ["view_notification"]),
            (Meeting, ["view_meeting"]),
            (Minutes, ["view_minutes"]),
            (ActionItem, ["view_actionitem"]),
            (Proposal, ["view_proposal"]),
            (Reply, ["view_reply"]),
        ],
    ),
    Role.CONVENOR: (
        "召集人",
        [
            (MemberUnit, ["view_memberunit"]),
            (Liaison, ["view_liaison"]),
            (Meeting, ["view_meeting"]),
            (Minutes, ["view_minutes"]),
            (ActionItem, ["view_actionitem"]),
            (Proposal, ["view_proposal"]),
            (Reply, ["view_reply"]),
        ],
    ),
    Role.LIAISON: ("联络员", []),
}


def role_group(role: str) -> Group:
    return Group.objects.get_or_create(name=ROLE_GROUPS[role][0])[0]


def users_in_role(role: str):
    """The active users holding `role`."""
    return get_user_model().objects.filter(groups__name=ROLE_GROUPS[role][0], is_active=True)


def ensure_role_groups() -> None:
    """Create the role groups with their permissions (run after every migrate)."""
    for role, (_name, grants) in ROLE_GROUPS.items():
        group = role_group(role)
        perms = []
        for model, codenames in grants:
            content_type = ContentType.objects.get_for_model(model)
            perms += list(Permission.objects.filter(content_type=content_type, codename__in=codenames))
        group.permissions.add(*perms)
    wagtail_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    for role in (Role.OFFICE, Role.CONVENOR):
        role_group(role).permissions.add(*wagtail_admin)


# Where `liaison_unit` keeps its answer on the user object, as Django keeps permissions (`_perm_cache`).
_LIAISON_UNIT = "_portal_liaison_unit"


def liaison_unit(user) -> MemberUnit | None:
    """The unit this user is currently liaison of, if any.

    Asked once per user object: a request's user is loaded for that request, and a page asks this
    of it in its view, its rules and its templates. `forget` drops the answer when the
    user's term begins or ends."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _LIAISON_UNIT):
        term = Liaison.objects.active().filter(user=user).select_related("unit").first()
        setattr(user, _LIAISON_UNIT, term.unit if term else None)
    return getattr(user, _LIAISON_UNIT)


def forget(user) -> None:
    """Drop what `liaison_unit` and `unit_ids_signed_off_by` keep on this user object, after a
    change of the user's term or of what they sign."""
    for name in (_LIAISON_UNIT, _SIGNED_UNITS):
        if hasattr(user, name):
            delattr(user, name)


def is_office(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_MEMBERSHIP)


def can_oversee(user) -> bool:
    """Convenors and the office read every unit's work."""
    return user.is_active and user.has_perm(OVERSEE)


def office_users():
    """The office's active staff, who receive what units report to the office."""
    return users_in_role(Role.OFFICE)


def is_convenor(user) -> bool:
    return user.is_active and user.groups.filter(name=ROLE_GROUPS[Role.CONVENOR][0]).exists()


def can_manage_membership(user) -> bool:
    return is_office(user)


def can_edit_page_draft(user, page) -> bool:
    """May the user save a new draft of this Wagtail page now: Wagtail's own page permissions
    (the editors' and the office's group page permissions) and no one else's lock on it."""
    tester = page.permissions_for_user(user)
    return user.is_active and tester.can_edit() and not tester.page_locked()


def can_act_for_unit(user, unit: MemberUnit) -> bool:
    return user.is_active and (user.has_perm(ACT_FOR_UNIT) or user.has_perm(ACT_FOR_UNIT, unit))


SIGN_OFF = "coordination.sign_off_reply"


def can_sign_off(user, unit: MemberUnit) -> bool:
    """签发: a unit's leader holds this object permission on the unit (granted by the office)."""
    return user.is_active and (user.has_perm(SIGN_OFF) or user.has_perm("sign_off_reply", unit))


def grant_sign_off(user, unit: MemberUnit) -> None:
    assign_perm("sign_off_reply", user, unit)
    forget(user)


def revoke_sign_off(user, unit: MemberUnit) -> None:
    remove_perm("sign_off_reply", user, unit)
    forget(user)


def signers_of(unit: MemberUnit):
    """The users holding 签发 on `unit` (its leaders), active or not."""
    return get_users_with_perms(unit, only_with_perms_in=["sign_off_reply"], with_group_users=False)


def two_factor_required(user) -> bool:
    """等保 asks a second factor of administrators: the office, superusers and leaders who sign off."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or is_office(user) or user.has_perm(SIGN_OFF) or bool(unit_ids_signed_off_by(user))


# Where `unit_ids_signed_off_by` keeps its answer on the user object (see `liaison_unit`).
_SIGNED_UNITS = "_portal_signed_unit_ids"


def unit_ids_signed_off_by(user) -> list[int]:
    """The units this user signs for (签发), asked of guardian once per user object: the second-factor
    middleware, the home and the proposal lists ask it of the same request's user."""
    if not user.is_authenticated or not user.is_active:
        return []
    if not hasattr(user, _SIGNED_UNITS):
        units = get_objects_for_user(user, SIGN_OFF, klass=MemberUnit, accept_global_perms=False)
        setattr(user, _SIGNED_UNITS, list(units.values_list("pk", flat=True)))
    return getattr(user, _SIGNED_UNITS)


def units_signed_off_by(user) -> QuerySet[MemberUnit]:
    return MemberUnit.objects.filter(pk__in=unit_ids_signed_off_by(user))


def units_acted_for(user) -> QuerySet[MemberUnit]:
    """The units this user may act for: all for the office, their own for a liaison."""
    if not user.is_authenticated or not user.is_active:
        return MemberUnit.objects.none()
    return get_objects_for_user(user, ACT_FOR_UNIT, klass=MemberUnit, accept_global_perms=True)


def units_acted_for_among(user, units) -> set[int]:
    """Ids of those `units` the user may act for, in at most two queries (for list pages)."""
    units = list(units)
    if not user.is_active:
        return set()
    if user.has_perm(ACT_FOR_UNIT):
        return {unit.pk for unit in units}
    checker = ObjectPermissionChecker(user)
    checker.prefetch_perms(units)
    return {unit.pk for unit in units if checker.has_perm("act_for_unit", unit)}


def grant_unit(user, unit: MemberUnit) -> None:
    assign_perm("act_for_unit", user, unit)
    user.groups.add(role_group(Role.LIAISON))


def revoke_unit(user, unit: MemberUnit) -> None:
    remove_perm("act_for_unit", user, unit)
    if not Liaison.objects.active().filter(user=user).exclude(unit=unit).exists():
        user.groups.remove(role_group(Role.LIAISON))
