import datetime

import pytest

from coordination import services


@pytest.fixture
def liaisons(units, make_liaison):
    """Liaisons of 区民政局 (lead in the fixtures below), 区财政局 (co-unit) and 区教体局 (neither)."""
    return {
        "lead": make_liaison(units[5], "lead"),
        "co": make_liaison(units[7], "co"),
        "other": make_liaison(units[3], "other"),
    }


@pytest.fixture
def item(units, office_user, liaisons):
    return services.action_item_create(
        actor=office_user,
        title="建立低保边缘家庭帮扶台账",
        lead_unit=units[5],
        co_units=[units[7]],
        deadline=datetime.date(2026, 12, 31),
        description="按月更新",
    )
