"""Importing a founding notice: the policy page, the units and their duties, the standing measures.

Each part reports what it created, updated, left unchanged, or could not match, so nothing is
dropped silently; running the import twice changes nothing the second time.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from coordination import services
from coordination.importers.founding_notice import ParsedNotice
from coordination.models import MemberUnit, UnitAlias
from coordination.selectors.unit_names import UnitNames

from .models import PolicyDocumentPage, PolicyIndexPage, UnitIndexPage, UnitPage
from .publishing import publish_child

VALIDITY = {"有效": "valid", "失效": "expired", "废止": "repealed"}


@dataclass
class ImportReport:
    """What the import did. Names of responsible bodies land in one of three lists: resolved
    through an alias (`aliased`), recorded on the item as external co-operators (`external`:
    bodies the alias table says are not member units, and vague groups such as "相关成员单位"),
    or not known at all (`unmatched`: also recorded as external, until the office adds an alias)."""

    counts: Counter = field(default_factory=Counter)
    aliased: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, what: str, outcome: str) -> None:
        self.counts[f"{what} {outcome}"] += 1


def _kind_of(name: str) -> str:
    if name.startswith("区委"):
        return MemberUnit.Kind.PARTY_ORGAN
    if any(word in name for word in ("工会", "残联", "妇联", "团委")):
        return MemberUnit.Kind.MASS_ORGANISATION
    if "行" in name[-3:] or "银行" in name:
        return MemberUnit.Kind.FINANCIAL
    return MemberUnit.Kind.GOVERNMENT


def import_units(notice: ParsedNotice, report: ImportReport, progress) -> dict[str, MemberUnit]:
    """Units named in the notice's member list, in its order; new ones are created, known ones kept."""
    units = {u.short_name: u for u in MemberUnit.objects.all()}
    next_order = max((u.order for u in units.values()), default=0) + 1
    for name in notice.members:
        if name in units:
            report.count("unit", "unchanged")
            continue
        units[name] = MemberUnit.objects.create(order=next_order, short_name=name, full_name=name, kind=_kind_of(name))
        next_order += 1
        report.count("unit", "created")
        progress(f"unit created: {name}")
    return units


def import_duties(notice: ParsedNotice, units: dict[str, MemberUnit], report: ImportReport, progress) -> None:
    index = UnitIndexPage.objects.first()
    if index is None:
        report.warnings.append("站点中没有“成员单位”栏目，职责未导入；请先建立栏目（或运行 load_demo）。")
        return
    for number, (name, paragraphs) in enumerate(notice.duties.items(), start=1):
        unit = units.get(name)
        if unit is None:
            report.unmatched.append(f"附件1 职责：{name}")
            continue
        blocks = [{"type": "duty", "value": text} for text in paragraphs]
        page = UnitPage.objects.filter(unit=unit).first()
        if page is None:
            publish_child(
                index, UnitPage(title=unit.short_name, slug=f"unit-{unit.order:02}", unit=unit, responsibilities=blocks)
            )
            report.count("duties", "created")
        elif [b.value for b in page.responsibilities] != paragraphs:
            page.responsibilities = blocks
            page.save_revision().publish()
            report.count("duties", "updated")
        else:
            report.count("duties", "unchanged")
        progress(f"[{number}/{len(notice.duties)}] duties of {name}")


def import_policy(notice: ParsedNotice, report: ImportReport):
    meta = notice.metadata
    index = PolicyIndexPage.objects.first()
    if index is None or not (meta.doc_number and meta.issuing_body and meta.published):
        report.warnings.append("没有“政策文件”栏目，或通知缺少文号、发布机构、发布日期，政策文件页未导入。")
        return None
    body = [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in notice.body]
    fields = {
        "title": notice.title,
        "issuing_body": meta.issuing_body or "",
        "doc_number": meta.doc_number,
        "index_number": meta.index_number or "",
        "publish_date": meta.published,
        "validity": VALIDITY.get(meta.validity, "valid"),
        "topic": "organisation",
    }
    page = PolicyDocumentPage.objects.filter(doc_number=meta.doc_number).first()
    if page is None:
        slug = "notice-" + "".join(c for c in meta.doc_number if c.isascii() and c.isalnum())
        page = publish_child(index, PolicyDocumentPage(slug=slug, body=body, **fields))
        report.count("policy page", "created")
    elif any(getattr(page, k) != v for k, v in fields.items() if v) or [
        b.value.source for b in page.body if b.block_type == "paragraph"
    ] != [f"<p>{paragraph}</p>" for paragraph in notice.body]:
        for key, value in fields.items():
            if value:
                setattr(page, key, value)
        page.body = body
        page.save_revision().publish()
        report.count("policy page", "updated")
    else:
        report.count("policy page", "unchanged")
    return page


def _responsible(measure, names: UnitNames, report: ImportReport) -> tuple[list[MemberUnit], list[str]]:
    """The member units a measure names, in its order, and the other bodies it names."""
    units, others = [], []
    for name in measure.units:
        found = names.resolve(name)
        where = f"措施（{measure.number}）负责单位：{found.name}"
        if found.unit:
            units.append(found.unit)
            if found.by_alias:
                report.aliased.append(f"{where} → {found.unit.short_name}")
            continue
        others.append(found.name)
        if found.unknown:
            report.unmatched.append(where)
        else:
            report.external.append(where + ("（未指明具体单位）" if found.vague else ""))
    return units, others


def import_measures(notice: ParsedNotice, actor, report: ImportReport, progress):
    """Each measure becomes a standing item: a short title, the full text as its description.

    The first body named leads. A body that is not a member unit is recorded as an external
    co-operator, never replaced by a guessed unit; "相关成员单位" names no unit, so it is recorded
    (and reported) the same way and the office adds co-units by name if it wants them. When the
    named lead is not a member unit the measure is not imported until the office says, with an
    alias, who that body is; an external lead is recorded and the first member unit named leads.
    """
    reference_base = notice.metadata.doc_number or notice.title or "通知"
    names = UnitNames()
    for measure in notice.measures:
        units, others = _responsible(measure, names, report)
        lead = names.resolve(measure.units[0]) if measure.units else None
        if lead is None or lead.unknown:
            name = lead.name if lead else "—"
            report.warnings.append(
                f"措施（{measure.number}）的牵头单位“{name}”无法识别，未导入；请在单位别名中登记后重新导入。"
            )
            continue
        if not units:
            report.warnings.append(f"措施（{measure.number}）没有成员单位负责，未导入。")
            continue
        _item, outcome = services.standing_measure_upsert(
            actor=actor,
            reference=f"{reference_base} 附件2 第{measure.number}条",
            title=measure.title,
            description=measure.text,
            lead_unit=units[0],
            co_units=units[1:],
            towns_carry_out=measure.towns,
            external_cooperators="、".join(others),
        )
        report.count("standing measure", outcome)
        progress(f"[{measure.number}/{len(notice.measures)}] measure {outcome}: {measure.title}")


@transaction.atomic
def import_notice(notice: ParsedNotice, *, actor, progress) -> ImportReport:
    report = ImportReport(warnings=list(notice.warnings))
    units = import_units(notice, report, progress)
    if report.counts["unit created"] or not UnitAlias.objects.exists():
        # A new database: the founding units' usual other names, which the office then keeps.
        for _alias in services.unit_aliases_seed(actor=actor):
            report.count("unit alias", "created")
    import_policy(notice, report)
    import_duties(notice, units, report, progress)
    import_measures(notice, actor, report, progress)
    return report
