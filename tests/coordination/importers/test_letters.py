"""Reading reply letters: the project's own sample letters in the shapes real ones come in."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from coordination.errors import ImportRefused
from coordination.importers.files import extract_text
from coordination.importers.letters import parse_reply
from coordination.models import Reply

from .conftest import docx_of

SAMPLES = Path(__file__).parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_of_the_sample_letters(name):
    found = parse_reply((SAMPLES / name).read_text(encoding="utf-8")).as_dict()
    body = found.pop("body")
    assert found == EXPECTED[name]
    assert body and "收悉" in body


def test_a_missing_field_is_reported_not_guessed():
    parsed = parse_reply((SAMPLES / "letter-npc-c-missing.txt").read_text(encoding="utf-8"))
    assert {"category", "signer", "disclosure", "contact_phone"} <= set(parsed.missing_fields())


def test_word_files_are_read_like_text():
    text = (SAMPLES / "letter-npc-a.txt").read_text(encoding="utf-8")
    from_docx = parse_reply(extract_text(docx_of(text), "来函.docx")).as_dict()
    assert from_docx == parse_reply(text).as_dict()


@pytest.mark.parametrize(("content", "name"), [(b"%PDF-1.4", "a.pdf"), (b"not a zip", "a.docx")])
def test_other_files_are_refused_with_a_message(content, name):
    with pytest.raises(ImportRefused):
        extract_text(content, name)


def test_dry_run_prints_json_per_file_and_saves_nothing(db, capsys):
    call_command("import_reply", *(str(SAMPLES / n) for n in sorted(EXPECTED)), "--dry-run", "--json")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in rows] == sorted(EXPECTED)
    assert rows[2]["signer"] is None
    assert not Reply.objects.exists()


def test_the_command_saves_letters_of_member_units(units, office_user, capsys):
    call_command("import_reply", str(SAMPLES / "letter-npc-a.txt"), "--user", "office-test")
    reply = Reply.objects.get(doc_number="陈民建函〔2026〕4号")
    assert (reply.unit.short_name, reply.category, reply.proposal.number) == ("区民政局", "A", "27")
    with pytest.raises(CommandError, match="1 of 1"):
        call_command("import_reply", str(SAMPLES / "letter-npc-a.txt"), "--user", "office-test")
    assert "已经导入过" in capsys.readouterr().err
    assert Reply.objects.filter(doc_number="陈民建函〔2026〕4号").count() == 1


def test_the_workbench_form_shows_what_was_found_then_saves(client, units, office_user):
    client.force_login(office_user)
    text = (SAMPLES / "letter-cppcc-b-debris.txt").read_text(encoding="utf-8")
    page = client.post("/workbench/proposals/import/", {"text": text, "parse": "1"})
    body = page.content.decode()
    assert "联系人：<strong>未识别</strong>" in body and "contact_person：" not in body
    form = page.context["fields_form"]
    data = {name: form.initial.get(name, "") or "" for name in form.fields}
    data["unit"] = form.initial["unit"].pk
    data["date"] = "2026-06-10"
    response = client.post("/workbench/proposals/import/", {**data, "save": "1"}, follow=True)
    assert "答复函已导入" in response.content.decode()
    assert Reply.objects.get(doc_number="陈教体提函〔2026〕2号").contact_phone == "13900001234"


def test_the_workbench_form_refuses_a_broken_word_file_with_a_message(client, units, office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office_user)
    upload = SimpleUploadedFile("答复.docx", b"not a zip")
    page = client.post("/workbench/proposals/import/", {"file": upload, "parse": "1"})
    assert page.status_code == 200
    assert "不是有效的 Word" in page.content.decode()
