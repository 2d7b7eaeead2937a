"""Every role × every workbench and API URL, GET and POST, against a table written down here.

Codes: Y allowed (page shown, or the action done), R refused by a rule (the object is visible,
the service or form said no, with a message), N not there for this role (403/404/405),
L sent to the login page. Each POST runs in a savepoint that is rolled back, so every cell
starts from the same world. Run with `-s` to see the table as it is.
"""

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.messages import constants, get_messages
from django.db import transaction
from django.utils import timezone

from .permission_world import ROLES, build

# name: (method, url with {own}/{other} object placeholders, posted data)
CELLS = {
    "dashboard": ("GET", "/workbench/", None),
    "calendar": ("GET", "/workbench/calendar/", None),
    "calendar-renew": ("POST", "/workbench/calendar/renew/", {}),
    "meetings": ("GET", "/workbench/meetings/", None),
    "meeting-create": ("GET", "/workbench/meetings/new/", None),
    "meeting": ("GET", "/workbench/meetings/{meeting}/", None),
    "meeting-ics": ("GET", "/workbench/meetings/{meeting}/meeting.ics", None),
    "meeting-notify": ("POST", "/workbench/meetings/{meeting}/notify/", {}),
    "meeting-cancel": ("POST", "/workbench/meetings/{meeting}/cancel/", {"reason": "改期"}),
    "meeting-attendee": ("POST", "/workbench/meetings/{meeting}/attendee/", {"attendee": "李四 副局长"}),
    "meeting-hold": ("GET", "/workbench/meetings/{meeting}/hold/", None),
    "meeting-edit": ("GET", "/workbench/meetings/{meeting}/edit/", None),
    "meeting-notice": ("GET", "/workbench/meetings/{meeting}/notice.docx", None),
    "meeting-agenda": ("GET", "/workbench/meetings/{meeting}/agenda.docx", None),
    "topic-create": ("GET", "/workbench/meetings/{meeting}/topics/new/", None),
    "topic-create-post": (
        "POST",
        "/workbench/meetings/{meeting}/topics/new/",
        {"title": "新议题", "background": "背景", "decision_requested": "请研究"},
    ),
    "topic-decide": ("POST", "/workbench/topics/{topic}/accept/", {}),
    "minutes": ("GET", "/workbench/minutes/{minutes}/", None),
    "minutes-edit": ("GET", "/workbench/minutes/{minutes}/edit/", None),
    "minutes-compare": ("GET", "/workbench/minutes/{minutes}/compare/?a=1&b=1", None),
    "minutes-preview": ("GET", "/workbench/minutes/{minutes}/preview/", None),
    "minutes-pdf": ("GET", "/workbench/minutes/{minutes}/pdf/", None),
    "minutes-docx": ("GET", "/workbench/minutes/{minutes}/docx/", None),
    "consent-answer": ("POST", "/workbench/minutes/{minutes}/consent/answer/", {"answer": "agree"}),
    "consent-close": ("POST", "/workbench/minutes/{minutes}/consent/close/", {"silence_reason": "逾期"}),
    "minutes-issue": ("POST", "/workbench/minutes/{minutes}/issue/", {"reported_on": "2026-11-20"}),
    "items": ("GET", "/workbench/items/", None),
    "item-create": ("GET", "/workbench/items/new/", None),
    "item": ("GET", "/workbench/items/{item}/", None),
    "item-progress": ("POST", "/workbench/items/{item}/", {"text": "新的进展", "percent": "50"}),
    "item-close": ("POST", "/workbench/items/{item}/close/", {}),
    "item-return": ("POST", "/workbench/items/{item}/return/", {"reason": "材料不全"}),
    "item-cancel": ("POST", "/workbench/items/{item}/cancel/", {"reason": "不再需要"}),
    "item-urge": ("POST", "/workbench/items/{item}/urge/", {"unit": "{lead}", "text": "请抓紧"}),
    "item-extension": (
        "POST",
        "/workbench/items/{item}/extension/",
        {"new_deadline": "2027-12-31", "reason": "需要协调"},
    ),
    "extension-decide": ("POST", "/workbench/extensions/{extension}/decide/", {"decision": "approve"}),
    "urge-acknowledge": ("POST", "/workbench/urges/{urge}/acknowledge/", {}),
    "supervision": ("GET", "/workbench/supervision/", None),
    "red-list": ("GET", "/workbench/supervision/red/", None),
    "items-urge": ("POST", "/workbench/items/urge/", {"items": "{item}", "text": "请抓紧"}),
    "ledger": ("POST", "/workbench/supervision/ledger/", {"query": ""}),
    "proposals": ("GET", "/workbench/proposals/", None),
    "proposal-create": ("GET", "/workbench/proposals/new/", None),
    "proposal-figures": ("GET", "/workbench/proposals/figures/", None),
    "letter-import": ("GET", "/workbench/proposals/import/", None),
    "proposal-batch": ("GET", "/workbench/proposals/batch/", None),
    "proposal-batch-template": ("GET", "/workbench/proposals/batch/template.xlsx", None),
    "proposal-batch-confirm": ("POST", "/workbench/proposals/batch/confirm/", {"token": "stale"}),
    "proposal": ("GET", "/workbench/proposals/{proposal}/", None),
    "reply-save": (
        "POST",
        "/workbench/proposals/{proposal}/",
        {"category": "A", "body": "改后", "disclosure": "proactive"},
    ),
    "reply-sign-off": ("POST", "/workbench/proposals/{proposal}/sign-off/", {}),
    "reply-reopen": ("POST", "/workbench/proposals/{proposal}/reopen/", {"reason": "补充"}),
    "reply-send": ("POST", "/workbench/proposals/{proposal}/send/", {}),
    "proposal-rate": ("POST", "/workbench/proposals/{proposal}/rate/", {"rating": "satisfied"}),
    "proposal-opinion": ("POST", "/workbench/proposals/{proposal}/opinion/", {"text": "同意"}),
    "proposal-return": ("POST", "/workbench/proposals/{proposal}/return/", {"reason": "不属本单位职责"}),
    "proposal-extend": (
        "POST",
        "/workbench/proposals/{proposal}/extend/",
        {"new_deadline": "2027-06-30", "reason": "情况复杂"},
    ),
    "proposal-reassign": ("POST", "/workbench/proposals/{proposal}/reassign/", {"lead_unit": "{lead}"}),
    "reply-pdf": ("GET", "/workbench/proposals/{proposal}/reply.pdf", None),
    "reply-docx": ("GET", "/workbench/proposals/{proposal}/reply.docx", None),
    "proposal-contact": (
        "POST",
        "/workbench/proposals/{proposal}/contacts/",
        {
            "kind": "before",
            "contacted_on": "{today}",
            "manner": "phone",
            "view": "none",
            "contacted_by": "刘洋",
            "summary": "电话沟通",
        },
    ),
    "reply-countersign-request": ("POST", "/workbench/proposals/{proposal}/countersign/request/", {}),
    "reply-countersign": ("POST", "/workbench/proposals/{proposal}/countersign/", {"decision": "agree"}),
    "reply-countersign-waive": ("POST", "/workbench/proposals/{proposal}/countersign/waive/", {"reason": "书面同意"}),
    "proposal-extension-request": (
        "POST",
        "/workbench/proposals/{proposal}/extension/",
        {"new_deadline": "{later}", "reason": "需要协调"},
    ),
    "proposal-extension-decide": (
        "POST",
        "/workbench/proposals/extensions/{proposal_extension}/decide/",
        {"decision": "approve"},
    ),
    "circulars": ("GET", "/workbench/circulars/", None),
    "circular-preview": ("GET", "/workbench/circulars/preview/?period_start=2026-01-01&period_end=2026-01-31", None),
    "circular-issue": (
        "POST",
        "/workbench/circulars/preview/",
        {"period_start": "2026-01-01", "period_end": "2026-01-31"},
    ),
    "circular-pdf": ("GET", "/workbench/circulars/{circular}/pdf/", None),
    "circular-docx": ("GET", "/workbench/circulars/{circular}/docx/", None),
    "disclosure-apply": ("GET", "/disclosure/apply/", None),
    "disclosure-track": ("GET", "/disclosure/track/", None),
    "disclosure-track-wrong": ("POST", "/disclosure/track/", {"number": "依申请〔2026〕第1号", "secret": "guess"}),
    # The applicant's pages read the request looked up in this session: without one, everybody is
    # sent to the tracking form (a redirect, counted Y), whatever their role.
    "disclosure-submitted": ("GET", "/disclosure/apply/done/", None),
    "disclosure-status": ("GET", "/disclosure/track/status/", None),
    "disclosure-correct": ("POST", "/disclosure/track/correction/", {"text": "补正"}),
    "disclosure-public-letter": ("GET", "/disclosure/track/letter.pdf", None),
    "disclosure-public-file": ("GET", "/disclosure/track/files/{released_file}/", None),
    "disclosures": ("GET", "/workbench/disclosure/", None),
    "disclosure": ("GET", "/workbench/disclosure/{disclosure}/", None),
    "disclosure-extend": ("POST", "/workbench/disclosure/{disclosure}/extend/", {"workdays": "5", "reason": "需调档"}),
    "disclosure-correction": ("POST", "/workbench/disclosure/{disclosure}/correction/", {"text": "请写明年份"}),
    "disclosure-answer": (
        "POST",
        "/workbench/disclosure/{disclosure}/answer/",
        {"outcome": "granted", "answer_text": "见附件"},
    ),
    "disclosure-close": ("POST", "/workbench/disclosure/{disclosure}/close/", {}),
    "disclosure-identity": ("GET", "/workbench/disclosure/{disclosure}/identity/", None),
    "disclosure-letter": ("GET", "/workbench/disclosure/{answered_disclosure}/letter.pdf", None),
    "disclosure-letter-docx": ("GET", "/workbench/disclosure/{answered_disclosure}/letter.docx", None),
    "disclosure-file": ("GET", "/workbench/disclosure/{answered_disclosure}/files/{released_file}/", None),
    "api-items": ("GET", "/api/items/", None),
    "api-item": ("GET", "/api/items/{item}/", None),
    "api-item-progress": ("POST", "/api/items/{item}/progress/", {"text": "接口报送", "completion": "false"}),
}
SIDE_KEYS = ("meeting", "topic", "minutes", "item", "urge", "extension", "proposal", "proposal_extension", "lead")
OBJECT_CELLS = {
    name
    for name, (_m, url, data) in CELLS.items()
    if any(f"{{{key}}}" in url + "".join((data or {}).values()) for key in SIDE_KEYS)
}
# Lists: which side's objects each role finds there. B both, O own only, T the other only, - none,
# N/L as above.
LISTS = {
    "list proposals": ("/workbench/proposals/", "proposal", "/workbench/proposals/{pk}/"),
    "list items": ("/workbench/items/", "item", "/workbench/items/{pk}/"),
    "list meetings": ("/workbench/meetings/", "meeting", "/workbench/meetings/{pk}/"),
    "list api items": ("/api/items/", "item", '"id":{pk},'),
}

# Expected outcome per role, in the order of ROLES:
# anonymous, liaison, co_liaison, other_liaison, leader, other_leader, convenor, editor, office
EXPECTED = {
    "dashboard": "L Y Y Y Y Y Y Y Y",
    "calendar": "L Y Y Y Y Y Y Y Y",
    "calendar-renew": "L Y Y Y Y Y Y Y Y",
    "meetings": "L Y Y Y Y Y Y Y Y",
    "meeting-create": "L N N N N N N N Y",
    "meeting own": "L Y Y N N N Y N Y",
    "meeting other": "L N N N N N Y N Y",
    "meeting-ics own": "L Y Y N N N Y N Y",
    "meeting-ics other": "L N N N N N Y N Y",
    "meeting-notify own": "L N N N N N N N R",
    "meeting-notify other": "L N N N N N N N R",
    "meeting-cancel own": "L N N N N N N N Y",
    "meeting-cancel other": "L N N N N N N N Y",
    "meeting-attendee own": "L Y Y N N N N N N",
    "meeting-attendee other": "L N N N N N N N N",
    "meeting-hold own": "L N N N N N N N Y",
    "meeting-hold other": "L N N N N N N N Y",
    "meeting-edit own": "L N N N N N N N Y",
    "meeting-edit other": "L N N N N N N N Y",
    "meeting-notice own": "L Y Y N N N Y N Y",
    "meeting-notice other": "L N N N N N Y N Y",
    "meeting-agenda own": "L N N N N N Y N Y",
    "meeting-agenda other": "L N N N N N Y N Y",
    "topic-create own": "L Y Y N N N N N Y",
    "topic-create other": "L N N N N N N N Y",
    "topic-create-post own": "L Y Y N N N N N Y",
    "topic-create-post other": "L N N N N N N N Y",
    "topic-decide own": "L N N N N N N N Y",
    "topic-decide other": "L N N N N N N N Y",
    "minutes own": "L Y Y N N N Y N Y",
    "minutes other": "L N N N N N Y N Y",
    "minutes-edit own": "L N N N N N N N Y",
    "minutes-edit other": "L N N N N N N N Y",
    "minutes-compare own": "L Y Y N N N Y N Y",
    "minutes-compare other": "L N N N N N Y N Y",
    "minutes-preview own": "L Y Y N N N Y N Y",
    "minutes-preview other": "L N N N N N Y N Y",
    "minutes-pdf own": "L N N N N N N N N",
    "minutes-pdf other": "L N N N N N N N N",
    "minutes-docx own": "L N N N N N N N N",
    "minutes-docx other": "L N N N N N N N N",
    "consent-answer own": "L Y Y N N N R N R",
    "consent-answer other": "L N N N N N R N R",
    "consent-close own": "L N N N N N N N R",
    "consent-close other": "L N N N N N N N R",
    "minutes-issue own": "L N N N N N N N R",
    "minutes-issue other": "L N N N N N N N R",
    "items": "L Y Y Y N N Y N Y",
    "item-create": "L N N N N N N N Y",
    "item own": "L Y Y N N N Y N Y",
    "item other": "L N N N N N Y N Y",
    "item-progress own": "L Y Y N N N N N N",
    "item-progress other": "L N N N N N N N N",
    "item-close own": "L N N N N N N N R",
    "item-close other": "L N N N N N N N R",
    "item-return own": "L N N N N N N N R",
    "item-return other": "L N N N N N N N R",
    "item-cancel own": "L N N N N N N N Y",
    "item-cancel other": "L N N N N N N N Y",
    "item-urge own": "L N N N N N N N Y",
    "item-urge other": "L N N N N N N N Y",
    "item-extension own": "L R R N N N R N R",
    "item-extension other": "L N N N N N R N R",
    "extension-decide own": "L N N N N N N N Y",
    "extension-decide other": "L N N N N N N N Y",
    "urge-acknowledge own": "L Y R R R R R R Y",
    "urge-acknowledge other": "L R R R R R R R Y",
    "supervision": "L N N N N N Y N Y",
    "red-list": "L N N N N N Y N Y",
    "items-urge own": "L N N N N N N N Y",
    "items-urge other": "L N N N N N N N Y",
    "ledger": "L N N N N N Y N Y",
    "proposals": "L Y Y Y Y Y Y Y Y",
    "proposal-create": "L N N N N N N N Y",
    "proposal-figures": "L N N N N N Y N Y",
    "letter-import": "L N N N N N N N Y",
    "proposal-batch": "L N N N N N N N Y",
    "proposal-batch-template": "L N N N N N N N Y",
    "proposal-batch-confirm": "L N N N N N N N R",
    "proposal own": "L Y Y N Y N Y N Y",
    "proposal other": "L N N N N Y Y N Y",
    "reply-save own": "L Y N N N N N N N",
    "reply-save other": "L N N N N N N N N",
    "reply-sign-off own": "L R R N R N R N R",  # the co-unit has not countersigned the draft
    "reply-sign-off other": "L N N N N Y R N R",
    "reply-reopen own": "L R R N R N R N R",
    "reply-reopen other": "L N N N N R R N R",
    "reply-send own": "L R R N R N R N R",
    "reply-send other": "L N N N N R R N R",
    "proposal-rate own": "L R R N R N R N R",
    "proposal-rate other": "L N N N N R R N R",
    "proposal-opinion own": "L R Y N N N N N N",
    "proposal-opinion other": "L N N N N N N N N",
    "proposal-return own": "L R R N R N R N R",
    "proposal-return other": "L N N N N R R N R",
    "proposal-extend own": "L N N N N N N N R",
    "proposal-extend other": "L N N N N N N N R",
    "proposal-reassign own": "L N N N N N N N R",
    "proposal-reassign other": "L N N N N N N N R",
    "reply-pdf own": "L Y Y N Y N Y N Y",
    "reply-pdf other": "L N N N N Y Y N Y",
    "reply-docx own": "L Y Y N Y N Y N Y",
    "reply-docx other": "L N N N N Y Y N Y",
    "proposal-contact own": "L Y R N R N R N Y",
    "proposal-contact other": "L N N N N R R N Y",
    "reply-countersign-request own": "L Y R N R N R N Y",
    "reply-countersign-request other": "L N N N N R R N R",
    "reply-countersign own": "L R Y N N N N N N",
    "reply-countersign other": "L N N N N N N N N",
    "reply-countersign-waive own": "L N N N N N N N Y",
    "reply-countersign-waive other": "L N N N N N N N R",
    "proposal-extension-request own": "L R R N R N R N R",
    "proposal-extension-request other": "L N N N N R R N R",
    "proposal-extension-decide own": "L N N N N N N N Y",
    "proposal-extension-decide other": "L N N N N N N N Y",
    "circulars": "L Y Y Y N N Y N Y",
    "circular-preview": "L N N N N N N N Y",
    "circular-issue": "L N N N N N N N Y",
    "circular-pdf": "L Y Y Y N N Y N Y",
    "circular-docx": "L Y Y Y N N Y N Y",
    "disclosure-apply": "Y Y Y Y Y Y Y Y Y",
    "disclosure-track": "Y Y Y Y Y Y Y Y Y",
    "disclosure-track-wrong": "R R R R R R R R R",
    "disclosure-submitted": "Y Y Y Y Y Y Y Y Y",
    "disclosure-status": "Y Y Y Y Y Y Y Y Y",
    "disclosure-correct": "Y Y Y Y Y Y Y Y Y",
    "disclosure-public-letter": "Y Y Y Y Y Y Y Y Y",
    "disclosure-public-file": "Y Y Y Y Y Y Y Y Y",
    "disclosures": "L N N N N N N N Y",
    "disclosure": "L N N N N N N N Y",
    "disclosure-extend": "L N N N N N N N Y",
    "disclosure-correction": "L N N N N N N N Y",
    "disclosure-answer": "L N N N N N N N Y",
    "disclosure-close": "L N N N N N N N R",  # no correction was asked for
    "disclosure-identity": "L N N N N N N N Y",
    "disclosure-letter": "L N N N N N N N Y",
    "disclosure-letter-docx": "L N N N N N N N Y",
    "disclosure-file": "L N N N N N N N Y",
    "api-items": "N Y Y Y Y Y Y Y Y",
    "api-item own": "N Y Y N N N Y N Y",
    "api-item other": "N N N N N N Y N Y",
    "api-item-progress own": "N Y Y N N N R N R",
    "api-item-progress other": "N N N N N N R N R",
    "list proposals": "L O O - O T B - B",
    "list items": "L O O - N N B N B",
    "list meetings": "L O O - - - B - B",
    "list api items": "N O O - - - B - B",
}


def classify(response) -> str:
    status = response.status_code
    if status in (301, 302) and response["Location"].startswith("/login/"):
        return "L"
    if status in (401, 403, 404, 405):
        return "N"
    if status in (400, 409):
        return "R"
    levels = {m.level for m in get_messages(response.wsgi_request)}
    if constants.ERROR in levels:
        return "R"
    form = (response.context or {}).get("form") if status == 200 else None
    if form is not None and form.is_bound and form.errors:
        return "R"
    return "Y" if status in (200, 201, 202, 302) else f"?{status}"


# Dates a posted form needs relative to the world's day: a contact today, an extension within the limit.
DATES = {
    "today": timezone.localdate().isoformat(),
    "later": (timezone.localdate() + relativedelta(months=4)).isoformat(),
}


def fill(template: str, objects: dict, lead) -> str:
    values = {key: getattr(obj, "pk", obj) for key, obj in objects.items()} | {"lead": lead}
    return template.format(**values)


def run_cell(client, user, method, url, data):
    client.logout()
    if user is not None:
        client.force_login(user)
    if method == "GET":
        return classify(client.get(url))
    with transaction.atomic():
        outcome = classify(client.post(url, data))
        transaction.set_rollback(True)
    return outcome


def list_cell(client, user, url, kind, mark, objects) -> str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    if response.status_code != 200:
        return classify(response)
    body = response.content.decode()
    own, other = (mark.format(pk=objects[side][kind].pk) in body for side in ("own", "other"))
    return {(True, True): "B", (True, False): "O", (False, True): "T", (False, False): "-"}[(own, other)]


@pytest.fixture
def world(units, office_user, convenor_user, make_liaison):
    return build(units, office_user, convenor_user, make_liaison)


def test_the_permission_matrix(client, world, units):
    users, objects = world
    actual = {}
    for name, (method, url, data) in CELLS.items():
        for side in ("own", "other") if name in OBJECT_CELLS else ("",):
            shared = {key: objects[key] for key in ("circular", "disclosure", "answered_disclosure", "released_file")}
            scope = {**objects.get(side, {}), **shared, **DATES}
            lead = units[5].pk if side == "own" else units[19].pk
            target = fill(url, scope, lead)
            posted = {k: fill(v, scope, lead) for k, v in (data or {}).items()}
            row = " ".join(run_cell(client, users[role], method, target, posted) for role in ROLES)
            actual[f"{name} {side}".strip()] = row
    for name, (url, kind, mark) in LISTS.items():
        actual[name] = " ".join(list_cell(client, users[role], url, kind, mark, objects) for role in ROLES)
    width = max(map(len, actual))
    print("\n" + " " * width + "  " + " ".join(r[:2] for r in ROLES))
    for key, row in actual.items():
        print(f"{key:<{width}}  " + row.replace(" ", "  "))
    assert actual == EXPECTED
