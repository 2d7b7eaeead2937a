"""Latencies into figures: percentiles, the rate at the concurrency used, and ratios to the baselines."""

import math
import statistics


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated between the two nearest ranks (as numpy's default)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(latencies_ms: list[float], server_ms: list[float], queries: list[int], concurrency: int) -> dict:
    """p50 and p95 in ms as the clients saw them; the same inside Django (server_*); rps = requests a
    second this target is served at with `concurrency` requests in flight (concurrency ÷ mean
    latency); queries = the median count a request."""
    mean = statistics.fmean(latencies_ms)
    return {
        "requests": len(latencies_ms),
        "p50_ms": round(percentile(latencies_ms, 50), 1),
        "p95_ms": round(percentile(latencies_ms, 95), 1),
        "server_p50_ms": round(percentile(server_ms, 50), 1) if server_ms else None,
        "server_p95_ms": round(percentile(server_ms, 95), 1) if server_ms else None,
        "rps": round(concurrency * 1000 / mean, 1) if mean else None,
        "queries": int(statistics.median(queries)) if queries else None,
    }


def ratio(value: float | None, base: float | None) -> float | None:
    return round(value / base, 2) if value is not None and base else None


def with_ratios(targets: dict[str, dict], floor: str = "floor", plain: str = "plain", key: str = "server_p50_ms"):
    """Each target's p50 as a multiple of the floor view's (x_floor) and the plain page's (x_plain).

    Taken on the time inside Django: with the targets interleaved, every client-side latency also
    carries the same wait for a free worker, which would squeeze every ratio towards 1."""
    floor_p50, plain_p50 = targets[floor][key], targets[plain][key]
    return {
        name: {**figures, "x_floor": ratio(figures[key], floor_p50), "x_plain": ratio(figures[key], plain_p50)}
        for name, figures in targets.items()
    }
