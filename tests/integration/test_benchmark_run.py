"""`manage.py benchmark` end to end on PostgreSQL: gunicorn started, every target driven, the JSON written.

The demo plus tiny load data (the figures mean nothing at this size; the run and its shape do).
On SQLite the command refuses to run (it measures PostgreSQL), which is checked there instead.
"""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from coordination import workdays
from portal.benchmark.targets import OFFICE_LISTS

from .test_celery_worker import database_url_of_the_test_database

pytestmark = pytest.mark.django_db(transaction=True)

JOBS = {"minutes_pdf_3_pages", "circular_27_units_90_days", "cached_pdf_download", "reminder_scan", "ledger_all_items"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark measures PostgreSQL (CI's second pass)")
def test_the_benchmark_drives_every_target_and_writes_its_json(tmp_path, monkeypatch, capsys):
    with override_settings(DEBUG=True):
        call_command("load_demo", quiet_progress=True)
    call_command("generate_load_data", policies=20, proposals=20, items=60, reports=120, quiet_progress=True)
    capsys.readouterr()
    monkeypatch.setenv("DATABASE_URL", database_url_of_the_test_database())  # the server's database is ours
    out = tmp_path / "bench.json"
    call_command("benchmark", requests=2, concurrency=4, skip_rebuild=True, json=str(out))
    printed = capsys.readouterr().out
    doc = json.loads(out.read_text(encoding="utf-8"))
    targets = doc["targets"]
    assert {"floor", "plain", "home", "search_2_chars", "liaison_calendar_feed", "office_ledger_export"} <= set(targets)
    assert {f"office_{name.replace('-', '_')}" for name in OFFICE_LISTS} <= set(targets)
    for name, figures in targets.items():
        assert figures["errors"] == 0, (name, figures["status"])
        assert figures["requests"] >= 2 and figures["p95_ms"] >= figures["p50_ms"] > 0, name
        assert figures["queries"] is not None and figures["x_plain"] is not None, name
    assert targets["floor"]["queries"] == 0 and targets["floor"]["x_floor"] == 1.0
    assert targets["plain"]["x_plain"] == 1.0 and targets["home"]["queries"] > 0
    # The anonymous variant is served from the page cache after its first request; the other is rendered.
    assert targets["home_cached"]["queries"] == 0 and targets["search_2_chars"]["queries"] > 0
    assert set(doc["timings"]) == JOBS
    assert doc["timings"]["ledger_all_items"]["rows"] >= 60
    assert doc["timings"]["cached_pdf_download"].get("ms", 0) > 0, doc["timings"]["cached_pdf_download"]
    # The scan is timed on a working day whatever day the run falls on (on others the job sends nothing).
    scan = doc["timings"]["reminder_scan"]
    assert workdays.is_workday(datetime.date.fromisoformat(scan["day"])) and scan["queries"] > 0, scan
    assert doc["machine"]["database"].startswith("postgresql")
    assert "| office_items |" in printed


@pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL the run itself is tested")
def test_the_benchmark_refuses_sqlite():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark")
