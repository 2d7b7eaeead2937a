"""Working days as Chinese offices count them: holidays off, make-up working days (调休) on."""

import datetime

from coordination.workdays import add_workdays, is_workday


def test_national_day_2026_is_skipped_and_its_make_up_saturday_counts():
    # Friday 25 September; 1–7 October are off, Saturday 10 October is worked.
    assert add_workdays(datetime.date(2026, 9, 25), 15) == datetime.date(2026, 10, 22)
    assert not is_workday(datetime.date(2026, 10, 5))  # a Monday inside the holiday
    assert is_workday(datetime.date(2026, 10, 10))  # a Saturday made a working day


def test_a_make_up_sunday_is_the_next_working_day():
    # Friday 18 September 2026: Saturday 19 is off, Sunday 20 is worked before National Day.
    assert add_workdays(datetime.date(2026, 9, 18), 1) == datetime.date(2026, 9, 20)


def test_plain_weeks_count_monday_to_friday():
    assert add_workdays(datetime.date(2026, 11, 20), 5) == datetime.date(2026, 11, 27)


def test_a_year_without_a_published_schedule_counts_monday_to_friday():
    assert add_workdays(datetime.date(2030, 1, 4), 1) == datetime.date(2030, 1, 7)


def test_every_day_of_the_known_years_and_beyond_agrees_with_chinese_calendar():
    import chinese_calendar

    day, last = datetime.date(2003, 12, 1), datetime.date(2027, 2, 1)
    while day < last:
        try:
            expected = chinese_calendar.is_workday(day)
        except NotImplementedError:
            expected = day.weekday() < 5
        assert is_workday(day) == expected, day
        day += datetime.timedelta(days=1)
