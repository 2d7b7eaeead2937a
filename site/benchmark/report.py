"""The benchmark's figures as a table (what the README shows) and as JSON."""

import datetime
import json
import os
import platform

from django.db import connection

from .load import Sample
from .stats import summarise, with_ratios

COLUMNS = ["p50_ms", "p95_ms", "server_p50_ms", "server_p95_ms", "rps", "queries", "x_floor", "x_plain"]


def figures(samples: list[Sample], names: list[str], concurrency: int) -> dict[str, dict]:
    targets = {}
    for name in names:
        mine = [s for s in samples if s.target == name]
        ok = [s for s in mine if 200 <= s.status < 300]
        measured = ok or mine  # a target that always fails still shows how long failing takes
        targets[name] = {
            **summarise(
                [s.latency_ms for s in measured],
                [s.server_ms for s in measured if s.server_ms is not None],
                [s.queries for s in measured if s.queries is not None],
                concurrency,
            ),
            "errors": len(mine) - len(ok),
            "status": sorted({s.status for s in mine}),
        }
    return with_ratios(targets)


def machine() -> dict:
    server = connection.pg_version if connection.vendor == "postgresql" else None
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {server // 10000}.{server % 10000}" if server else connection.vendor,
    }


def document(targets: dict, timings: dict, settings: dict) -> dict:
    return {
        "targets": targets,
        "timings": timings,
        "settings": settings,
        "machine": machine(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def write_json(path: str, doc: dict) -> None:
    with open(path, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, indent=2)


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}" if value < 1000 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(targets: dict) -> str:
    """A Markdown table: one row per target, the columns of the JSON, and errors (non-2xx answers)."""
    lines = [
        "| target | p50 ms | p95 ms | server p50 | server p95 | rps | queries | × floor | × plain | errors |",
        "|---|" + "---:|" * 9,
    ]
    for name, row in targets.items():
        cells = [_cell(row[c]) for c in COLUMNS] + [
            _cell(row["errors"]) + ("" if not row["errors"] else f" {row['status']}")
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def timings_lines(timings: dict) -> str:
    return "\n".join(
        f"- {name}: " + ", ".join(f"{k} {_cell(v)}" for k, v in values.items()) for name, values in timings.items()
    )
