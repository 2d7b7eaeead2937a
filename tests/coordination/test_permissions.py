import pytest

from coordination import permissions


@pytest.fixture
def liaison(units, make_liaison):
    return make_liaison(units[5])


def test_a_liaison_acts_for_their_own_unit_only(units, liaison):
    assert permissions.can_act_for_unit(liaison, units[5])
    assert not permissions.can_act_for_unit(liaison, units[6])
    assert list(permissions.units_acted_for(liaison)) == [units[5]]


def test_the_office_acts_for_every_unit(units, office_user):
    assert all(permissions.can_act_for_unit(office_user, unit) for unit in units)
    assert permissions.units_acted_for(office_user).count() == 27
    assert permissions.can_manage_membership(office_user)


def test_a_convenor_reads_everything_but_acts_for_no_unit(units, convenor_user):
    assert permissions.can_oversee(convenor_user)
    assert not permissions.can_act_for_unit(convenor_user, units[0])
    assert not permissions.can_manage_membership(convenor_user)


def test_a_liaison_does_not_oversee(liaison):
    assert not permissions.can_oversee(liaison)
    assert not permissions.can_manage_membership(liaison)


def test_a_deactivated_account_loses_every_right(units, liaison):
    liaison.is_active = False
    liaison.save()
    assert not permissions.can_act_for_unit(liaison, units[5])


def test_list_pages_learn_a_liaisons_units_in_few_queries(units, liaison, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        granted = permissions.units_acted_for_among(liaison, units)
    assert granted == {units[5].pk}


def test_list_pages_learn_the_office_acts_for_all(units, office_user):
    assert permissions.units_acted_for_among(office_user, units) == {unit.pk for unit in units}
