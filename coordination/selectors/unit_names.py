"""Which member unit a document means by a name: its short name, its full name, or an alias.

Documents also name bodies that are not member units: a known one (an alias without a unit, such
as 区委文明办) or a vague one ("区社会救助联席会议相关成员单位"). Neither is ever replaced by a
guessed unit; callers record them as external co-operators and report them.
"""

import dataclasses
import re

from ..models import MemberUnit, UnitAlias

# "相关成员单位", "有关部门", "各成员单位": a group, not a body; the office names the units itself.
VAGUE = re.compile(r"(相关|有关|各)(成员)?(单位|部门)")


@dataclasses.dataclass(frozen=True)
class ResolvedName:
    name: str
    unit: MemberUnit | None = None
    by_alias: bool = False
    external: bool = False  # a body the alias table says is not a member unit
    vague: bool = False  # a group such as "相关成员单位", not one body

    @property
    def unknown(self) -> bool:
        return self.unit is None and not self.external and not self.vague


class UnitNames:
    """The member units and aliases, loaded once, answering `resolve(name)` without queries."""

    def __init__(self) -> None:
        units = list(MemberUnit.objects.all())
        self.units = {u.short_name: u for u in units} | {u.full_name: u for u in units}
        self.aliases = {a.name: a.unit for a in UnitAlias.objects.select_related("unit")}

    def resolve(self, name: str) -> ResolvedName:
        name = re.sub(r"\s+", "", name)
        if name in self.units:
            return ResolvedName(name, unit=self.units[name])
        if name in self.aliases:
            unit = self.aliases[name]
            return ResolvedName(name, unit=unit, by_alias=unit is not None, external=unit is None)
        return ResolvedName(name, vague=bool(VAGUE.search(name)))
