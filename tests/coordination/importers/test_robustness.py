"""Importers answer a result or a domain error, whatever they are given (the confidentiality issue, item 8)."""

import contextlib
import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.errors import ImportRefused
from coordination.importers import files
from coordination.importers.files import extract_text
from coordination.importers.founding_notice import parse_notice
from coordination.importers.letters import parse_reply
from coordination.importers.text import make_date

from .conftest import docx_of

SAMPLES = Path(__file__).parent / "samples"
LETTER = (SAMPLES / "letter-npc-a.txt").read_text(encoding="utf-8")
NOTICE = (SAMPLES / "notice-full.txt").read_text(encoding="utf-8")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_small_file_that_inflates_past_the_bound_is_refused_before_reading(monkeypatch):
    bomb = zip_of({"word/document.xml": b"<" + b"\0" * (files.MAX_INFLATED_BYTES + 1)})
    assert len(bomb) < 100_000
    monkeypatch.setattr(files.docx, "Document", lambda *a: pytest.fail("the archive was read"))
    with pytest.raises(ImportRefused, match="MB"):
        extract_text(bomb, "答复.docx")


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", b"PK\x03\x04broken", zip_of({"other.xml": b"<x/>"}), zip_of({"word/document.xml": b"<"})],
    ids=["not-zip", "truncated", "no-document", "bad-xml"],
)
def test_malformed_word_files_are_refused(content):
    with pytest.raises(ImportRefused):
        extract_text(content, "答复.docx")


def test_other_kinds_of_file_are_refused():
    with pytest.raises(ImportRefused, match=".txt"):
        extract_text(b"%PDF-1.4", "a.pdf")


def test_a_word_file_is_read_with_python_docx():
    assert extract_text(docx_of("第一行\n第二行（括号）"), "a.docx") == "第一行\n第二行（括号）"


@pytest.mark.parametrize("written", ["2026年13月1日", "2022-02-30", "二〇二二年二月三十日"])
def test_an_impossible_letter_date_is_reported_invalid(written):
    parsed = parse_reply(LETTER.replace("2026年5月28日", written))
    assert parsed.date is None
    assert parsed.invalid == {"date": written}
    assert "date" in parsed.missing_fields()
    assert parsed.doc_number == "陈民建函〔2026〕4号"


def test_a_measure_with_an_impossible_number_is_a_warning():
    notice = parse_notice(NOTICE.replace("（二）", "（二二）", 1))
    assert 2 not in [m.number for m in notice.measures]
    assert any("二二" in w for w in notice.warnings)


def test_an_impossible_publication_date_is_reported_missing():
    notice = parse_notice(NOTICE.replace("2026-02-10", "2022-02-30"))
    assert notice.metadata.published is None
    assert any("published" in w for w in notice.warnings)


def test_make_date_answers_none_for_dates_that_do_not_exist():
    assert make_date("二〇二三", "五", "五") == datetime.date(2023, 5, 5)
    assert make_date("2026", "13", "1") is None
    assert make_date("2022", "2", "30") is None


def test_import_reply_reports_a_bad_file_and_exits_non_zero(db, tmp_path, capsys):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"garbage")
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_reply", str(bad), str(SAMPLES / "letter-npc-a.txt"), "--dry-run")
    captured = capsys.readouterr()
    assert "不是有效的 Word" in captured.err and "letter-npc-a.txt" in captured.out


def test_import_reply_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="not imported"):
        call_command("import_reply", str(tmp_path / "none.txt"), "--dry-run")


def test_import_notice_refuses_undecodable_text(db, office_user, tmp_path):
    bad = tmp_path / "notice.txt"
    bad.write_bytes(b"\xff\xfe\x00\x81\x30" * 7)
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_notice", str(bad), "--user", "office-test")


# Pieces of real letters and notices, so that generated texts reach past the first rule.
PIECES = st.sampled_from(
    [
        "类别：",
        "A类",
        "（C类）",
        "签发人：",
        "〔2023〕",
        "[2026]",
        "号",
        "第",
        "届",
        "人大",
        "政协",
        "次会议",
        "建议",
        "提案",
        "的复函",
        "对区",
        "代表：",
        "委员:",
        "尊敬的",
        "《",
        "》",
        "一、",
        "（二二）",
        "二〇二三年",
        "13月",
        "30日",
        "2022-02-30",
        "联系人：",
        "电话：",
        "负 责 人：",
        "抄送：",
        "（此件主动公开）",
        "【不予公开】",
        "宝鸡市陈仓区民政局",
        "附件1",
        "附件2",
        "成员：",
        "索引号：",
        "发布日期：",
        "负责落实）",
        "各镇街",
        "**",
        "#",
        "\n",
        " ",
        "\u3000",
        "：",
        "，",
        "。",
    ]
)
LETTERISH = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join)


@FUZZ
@given(st.one_of(st.text(), LETTERISH))
def test_parse_reply_answers_a_result_for_any_text(text):
    parsed = parse_reply(text)
    assert set(parsed.missing_fields()) <= set(parsed.as_dict())


@FUZZ
@given(st.one_of(st.text(), LETTERISH, st.builds(lambda a, b: NOTICE[:a] + b, st.integers(0, len(NOTICE)), LETTERISH)))
def test_parse_notice_answers_a_result_for_any_text(text):
    assert parse_notice(text).warnings is not None


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.DOCX", "a.pdf", "a"]))
def test_extract_text_answers_text_or_refuses_any_bytes(content, name):
    with contextlib.suppress(ImportRefused):
        assert isinstance(extract_text(content, name), str)


VALID_DOCX = docx_of("对区第十八届人大第二次会议第138号建议的复函\n高曦代表：")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(VALID_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_word_file_is_read_or_refused(changes):
    content = bytearray(VALID_DOCX)
    for position, value in changes:
        content[position] = value
    with contextlib.suppress(ImportRefused):
        parse_reply(extract_text(bytes(content), "a.docx"))


@FUZZ
@given(st.text(max_size=6), st.text(max_size=4), st.text(max_size=4))
def test_make_date_answers_a_date_or_none(year, month, day):
    assert make_date(year, month, day) is None or isinstance(make_date(year, month, day), datetime.date)


def test_the_dry_run_names_an_invalid_date(db, tmp_path, capsys):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER.replace("2026年5月28日", "2026年13月1日"), encoding="utf-8")
    call_command("import_reply", str(letter), "--dry-run", "--json")
    row = json.loads(capsys.readouterr().out)
    assert (row["date"], row["invalid"]) == (None, {"date": "2026年13月1日"})
