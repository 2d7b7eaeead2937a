"""The benchmark's arithmetic and its JSON on known samples, and its client against a stub server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.benchmark import report
from portal.benchmark.load import Sample, Target, budgeted, drive, interleaved
from portal.benchmark.middleware import HEADER, TIME_HEADER
from portal.benchmark.server import HOST
from portal.benchmark.stats import percentile, summarise, with_ratios


def test_percentiles_interpolate_between_ranks():
    samples = [float(n) for n in range(1, 101)]  # 1 … 100
    assert percentile(samples, 50) == 50.5
    assert percentile(samples, 95) == pytest.approx(95.05)
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5  # unsorted input
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_summary_rate_and_median_queries():
    figures = summarise([10.0, 20.0, 30.0, 40.0], [1.0, 2.0, 3.0, 4.0], [5, 5, 6, 9], concurrency=8)
    assert figures["p50_ms"] == 25.0
    assert figures["p95_ms"] == 38.5
    assert figures["server_p50_ms"] == 2.5
    assert figures["rps"] == 320.0  # 8 in flight, 25 ms each on average
    assert figures["queries"] == 5  # median of 5, 5, 6, 9 is 5.5, counted whole


def test_ratios_to_the_floor_and_the_plain_page():
    targets = {
        "floor": {"server_p50_ms": 2.0},
        "plain": {"server_p50_ms": 20.0},
        "home": {"server_p50_ms": 50.0},
        "broken": {"server_p50_ms": None},
    }
    ratios = with_ratios(targets)
    assert (ratios["floor"]["x_floor"], ratios["floor"]["x_plain"]) == (1.0, 0.1)
    assert (ratios["home"]["x_floor"], ratios["home"]["x_plain"]) == (25.0, 2.5)
    assert ratios["broken"]["x_floor"] is None


def test_targets_are_interleaved_round_robin():
    a, b, c = Target("a", "/a"), Target("b", "/b", requests=1), Target("c", "/c")
    assert [t.name for t in interleaved([a, b, c], 3)] == ["a", "b", "c", "a", "c", "a", "c"]


def test_the_json_document_has_every_figure_per_target(tmp_path, db):
    samples = [Sample("floor", 3.0, 1.0, 200, 0, 5), Sample("floor", 5.0, 1.0, 200, 0, 5)]
    samples += [Sample("plain", 30.0, 10.0, 200, 6, 900), Sample("plain", 50.0, 10.0, 200, 6, 900)]
    samples += [Sample("home", 80.0, 40.0, 200, 18, 9000), Sample("home", 90.0, 44.0, 500, 3, 100)]
    figures = report.figures(samples, ["floor", "plain", "home"], concurrency=8)
    path = tmp_path / "bench.json"
    report.write_json(str(path), report.document(figures, {"ledger_all_items": {"seconds": 1.5}}, {"concurrency": 8}))
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"targets", "timings", "settings", "machine", "date"}
    home = doc["targets"]["home"]
    for key in ("p50_ms", "p95_ms", "rps", "queries", "x_floor", "x_plain"):
        assert home[key] is not None, key
    assert home["errors"] == 1 and home["requests"] == 1  # the 500 is counted, not measured
    assert home["x_floor"] == 40.0 and home["x_plain"] == 4.0
    assert doc["timings"]["ledger_all_items"]["seconds"] == 1.5
    assert "| home | 80.0 |" in report.table(figures)


def test_a_slow_target_gets_fewer_requests_and_one_over_the_budget_none():
    targets = [Target("fast", "/f"), Target("slow", "/s"), Target("stuck", "/x")]
    warm = {
        "fast": Sample("fast", 10.0, 9.0, 200, 1, 1),
        "slow": Sample("slow", 4000.0, 3900.0, 200, 1, 1),
        "stuck": Sample("stuck", 25000.0, 24000.0, 200, 1, 1),
    }
    driven, over = budgeted(targets, warm, requests=30, budget_s=20)
    assert [(t.name, t.requests) for t in driven] == [("fast", 30), ("slow", 5)]
    assert [t.name for t in over] == ["stuck"]


@pytest.fixture
def answering_server():
    """A loopback HTTP server answering as the benchmark settings do (query count, server time)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = self.path.encode()
            self.send_response(404 if self.path == "/missing" else 200)
            self.send_header(HEADER, "3")
            self.send_header(TIME_HEADER, "1.25")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((HOST, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_drive_sends_every_request_and_reads_the_headers(answering_server):
    targets = [Target("a", "/a"), Target("missing", "/missing", requests=2)]
    samples, seconds = drive(answering_server, targets, requests=5, concurrency=3)
    assert sorted(s.target for s in samples) == ["a"] * 5 + ["missing"] * 2
    assert {(s.status, s.queries, s.server_ms) for s in samples if s.target == "a"} == {(200, 3, 1.25)}
    assert {s.status for s in samples if s.target == "missing"} == {404}
    assert seconds > 0


def test_drive_for_a_duration_repeats_the_mix_until_the_time_is_up(answering_server):
    samples, seconds = drive(answering_server, [Target("a", "/a")], requests=1, concurrency=2, duration=0.3)
    assert len(samples) > 2 and 0.3 <= seconds < 5
