"""Notifications and the calendar token: a unit's feed carries its deadlines."""


def test_the_units_calendar_feed_carries_its_deadlines(client, item, liaisons):
    client.force_login(liaisons["co"])
    client.post("/workbench/calendar/renew/")
    url = client.get("/workbench/calendar/").context["feed_url"].split("testserver", 1)[1]
    client.logout()
    feed = client.get(url).content.decode()
    assert "DTSTART;VALUE=DATE:20261231" in feed
    assert "【时限】建立低保边缘家庭帮扶台账" in feed.replace("\r\n ", "")
