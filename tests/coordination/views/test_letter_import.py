"""The office's letter import: what was found under translated labels, nothing preselected that the
letter does not say, and a preview on which the office confirms disclosure."""

from pathlib import Path

from coordination.models import Reply

LETTERS = Path(__file__).parents[1] / "importers" / "letters"
SAMPLES = Path(__file__).parents[1] / "importers" / "samples"
IMPORT = "/workbench/proposals/import/"


def parsed_form(client, text: str):
    page = client.post(IMPORT, {"text": text, "parse": "1"})
    assert page.status_code == 200
    return page


def saved_data(page, **changes) -> dict:
    form = page.context["fields_form"]
    data = {name: form.initial.get(name, "") or "" for name in form.fields}
    data["unit"] = form.initial["unit"].pk
    return {**data, **changes, "save": "1"}


def test_what_was_found_is_listed_under_translated_labels(client, units, office_user):
    client.force_login(office_user)
    body = parsed_form(client, (SAMPLES / "letter-npc-c-missing.txt").read_text(encoding="utf-8")).content.decode()
    assert "文号：陈医保建函〔2026〕1号" in body
    assert "答复类别：<strong>未识别</strong>" in body and "签发人：<strong>未识别</strong>" in body
    assert not any(f"{key}：" in body for key in ("category", "doc_number", "issuing_body", "disclosure"))


def test_disclosure_is_not_preselected_when_the_letter_says_nothing(client, units, office_user):
    client.force_login(office_user)
    page = parsed_form(client, (SAMPLES / "letter-npc-c-missing.txt").read_text(encoding="utf-8"))
    assert '<option value="proactive" selected>' not in page.content.decode()
    refused = client.post(IMPORT, saved_data(page, disclosure=""))
    assert refused.context["fields_form"].errors["disclosure"]
    assert not Reply.objects.exists()


def test_an_imported_proactive_letter_is_public_only_after_the_preview_is_confirmed(
    client, units, office_user, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    page = parsed_form(client, (LETTERS / "35-city-cppcc-run-together-lettered.txt").read_text(encoding="utf-8"))
    assert page.context["fields_form"].initial["disclosure"] == "proactive"  # the letter says so
    saved = client.post(IMPORT, saved_data(page), follow=True)
    reply = Reply.objects.get()
    assert saved.redirect_chain[-1][0] == f"/workbench/proposals/replies/{reply.pk}/disclosure/"
    preview = saved.content.decode()
    assert "临时救助审批权限下放至镇街" in preview and preview.count("现答复如下") == 1
    assert "未识别" in preview  # the letter has no 文号 and no category
    assert (reply.doc_number, reply.category, reply.reply_date.isoformat()) == ("", "", "2026-05-06")
    assert not Reply.objects.disclosed().exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/workbench/proposals/replies/{reply.pk}/disclosure/", follow=True)
    assert confirmed.redirect_chain[-1][0] == f"/workbench/proposals/{reply.proposal_id}/"
    assert list(Reply.objects.disclosed()) == [reply]
    assert "预览并确认公开" not in confirmed.content.decode()


def test_the_public_page_of_an_imported_letter_shows_its_own_opening_once(
    client, units, office_user, site_pages, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    page = parsed_form(client, (LETTERS / "35-city-cppcc-run-together-lettered.txt").read_text(encoding="utf-8"))
    client.post(IMPORT, saved_data(page))
    reply = Reply.objects.get(proposal__number="a123")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/workbench/proposals/replies/{reply.pk}/disclosure/")
    client.logout()
    public = client.get(f"/replies/{reply.pk}/").content.decode()
    assert public.count("答复如下") == 1 and "未识别" in public
    assert "类</p>" not in public  # no category mark without a category


def test_a_liaison_cannot_open_the_preview(client, units, office_user, make_liaison):
    client.force_login(office_user)
    page = parsed_form(client, (LETTERS / "35-city-cppcc-run-together-lettered.txt").read_text(encoding="utf-8"))
    client.post(IMPORT, saved_data(page))
    reply = Reply.objects.get()
    client.force_login(make_liaison(units[5], "mz"))
    assert client.get(f"/workbench/proposals/replies/{reply.pk}/disclosure/").status_code == 403
    assert client.post(f"/workbench/proposals/replies/{reply.pk}/disclosure/").status_code == 403
    assert not Reply.objects.disclosed().exists()


def test_a_letter_without_date_or_category_is_saved_with_them_unknown(client, units, office_user):
    client.force_login(office_user)
    page = parsed_form(client, (SAMPLES / "letter-npc-c-missing.txt").read_text(encoding="utf-8"))
    saved = client.post(IMPORT, saved_data(page, date="", disclosure="on_request"), follow=True)
    reply = Reply.objects.get()
    assert saved.redirect_chain[-1][0] == f"/workbench/proposals/{reply.proposal_id}/"
    assert (reply.reply_date, reply.category, reply.signer, reply.status) == (None, "", "", Reply.Status.SENT)
    assert "类别未识别" in saved.content.decode() and not reply.is_public
