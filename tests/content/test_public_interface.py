"""The public site learns of disclosed replies only through coordination.public's signal."""

from content.fulltext.query import search
from coordination import services
from coordination.models import MemberUnit, Reply
from coordination.public import reply_public_changed


def test_a_disclosed_reply_is_announced_after_commit_and_reaches_the_search(
    site_pages, office_user, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, reply, **kwargs):
        announced.append(reply.pk)

    reply_public_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            reply = services.reply_import(
                actor=office_user,
                unit=MemberUnit.objects.get(short_name="区民政局"),
                fields={
                    "kind": "npc",
                    "session": "区第十八届人大第三次会议",
                    "proposal_number": "201",
                    "body": "独有词语：冬日暖阳行动",
                    "disclosure": Reply.Disclosure.PROACTIVE,
                },
            )
            reply = services.reply_disclosure_confirm(actor=office_user, reply=reply)
            assert announced == []  # nothing is announced before the transaction commits
        assert callbacks
    finally:
        reply_public_changed.disconnect(receiver)
    assert announced == [reply.pk]
    assert reply.index_number.startswith("610300-11610304016006562W/")  # written per 门户设置
    assert search("冬日暖阳行动").total == 1
