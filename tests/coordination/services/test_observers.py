"""列席 (observers): recorded on the sign-in sheet, printed in the minutes after 出席 and 请假."""

import pytest

from coordination import services
from coordination.documents import minutes_document
from coordination.errors import DomainError


def test_observers_are_recorded_cleaned_and_audited(meeting_day, office_user, sheet, audit_entries):
    services.meeting_record_attendance(
        actor=office_user, meeting=meeting_day, attendance=sheet, observers="  虢镇街道 周建国 \n\n千渭街道 孙丽"
    )
    meeting_day.refresh_from_db()
    assert meeting_day.observer_lines == ["虢镇街道 周建国", "千渭街道 孙丽"]
    entry = audit_entries(meeting_day, "coordination.meeting.record_attendance")[-1]
    assert entry.data["changes"]["observers"] == 2


def test_too_many_observers_are_refused_and_nothing_is_saved(meeting_day, office_user, sheet):
    with pytest.raises(DomainError):
        services.meeting_record_attendance(
            actor=office_user, meeting=meeting_day, attendance=sheet, observers="\n".join(f"人{i}" for i in range(31))
        )
    meeting_day.refresh_from_db()
    assert meeting_day.observers == ""


def test_the_minutes_print_present_leave_and_observers(draft_minutes, office_user):
    meeting = draft_minutes.meeting
    meeting.observers = "虢镇街道 周建国（副主任）"
    meeting.save(update_fields=["observers"])
    rosters = {roster.label: roster.names for roster in minutes_document(draft_minutes).rosters}
    assert list(rosters) == [label for label in ("出席", "请假", "列席") if label in rosters]
    assert rosters["列席"] == ("虢镇街道 周建国（副主任）",)
    assert rosters["出席"]  # from the attendance record
