"""Plain helpers shared by several service test files (fixtures live in conftest.py)."""

from coordination import services


def report(item, liaisons, who="lead", **kwargs):
    unit = item.lead_unit if who == "lead" else item.co_units.get()
    return services.action_item_report_progress(actor=liaisons[who], item=item, unit=unit, **kwargs)


def draft(proposal, people, **fields):
    values = {
        "category": "B",
        "body": "已列入明年民生实事。",
        "contact_person": "刘洋",
        "contact_phone": "0917-6212345",
    }
    return services.reply_save(actor=people["lead"], proposal=proposal, **{**values, **fields})


def countersigned(proposal, people, **fields):
    """A draft the co-unit (people["co"], if the proposal has one) has countersigned as it stands."""
    reply = draft(proposal, people, **fields)
    for unit in proposal.co_units.all():
        services.reply_countersign(actor=people["co"], reply=reply, unit=unit, decision="agree")
    return reply


def signed(proposal, people, **fields):
    return services.reply_sign_off(actor=people["leader"], reply=countersigned(proposal, people, **fields))
